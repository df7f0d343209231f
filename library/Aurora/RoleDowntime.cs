namespace Ops.Aurora;

/// <summary>
/// One role's outage in one trial: from the first failed attempt to the first success that is
/// followed by enough consecutive successes, with the read-only tail, flaps, DNS changes and the
/// instances seen before and after.
/// </summary>
public sealed record RoleDowntime
{
    public required ProbeRole Role { get; init; }
    public int Attempts { get; init; }
    public int Failures { get; init; }
    public DateTimeOffset? FirstFailure { get; init; }
    public DateTimeOffset? Recovery { get; init; }
    /// <summary>False when the run ended before the role came back (downtime then runs to the last attempt).</summary>
    public bool Recovered { get; init; } = true;
    /// <summary>False when the run ended inside the confirmation window: fewer successes than required followed the recovery.</summary>
    public bool RecoveryConfirmed { get; init; } = true;
    public double DowntimeSeconds { get; init; }
    /// <summary>The trailing part of the outage answered by ERROR 1290 (endpoint still on the demoted writer).</summary>
    public double ReadOnlySeconds { get; init; }
    /// <summary>The outage minus its read-only tail: connection refused, timeouts, resets.</summary>
    public double ConnectionErrorSeconds => Math.Round(DowntimeSeconds - ReadOnlySeconds, 3);
    public IReadOnlyDictionary<AttemptOutcome, int> OutcomeCounts { get; init; } = new Dictionary<AttemptOutcome, int>();
    public IReadOnlyList<FlapPeriod> Flaps { get; init; } = [];
    public IReadOnlyList<DnsChange> DnsChanges { get; init; } = [];
    /// <summary>Recovery minus the last DNS change at or before it (positive: recovered after DNS moved).</summary>
    public double? RecoveryAfterDnsChangeSeconds { get; init; }
    public string? InstanceBefore { get; init; }
    public string? InstanceAfter { get; init; }
}
