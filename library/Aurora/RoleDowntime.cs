namespace Ops.Aurora;

/// <summary>
/// One role over one whole trial: every outage, the blips (outages shorter than the minimum), and
/// the headline outage (the longest) whose figures the flat properties carry, with the DNS changes
/// and the instances seen before and after it.
/// </summary>
public sealed record RoleDowntime
{
    public required ProbeRole Role { get; init; }
    public int Attempts { get; init; }
    /// <summary>The headline and every other outage that is not a blip, in time order (the last one may be unrecovered).</summary>
    public IReadOnlyList<Outage> Outages { get; init; } = [];
    /// <summary>Recovered outages other than the headline of a single failed attempt (or shorter than the given minimum): strays, not the failover.</summary>
    public IReadOnlyList<Outage> Blips { get; init; } = [];
    /// <summary>The longest outage (the first of equals); null when there was none.</summary>
    public Outage? Headline { get; init; }
    public int Failures => Headline?.Failures ?? 0;
    public DateTimeOffset? FirstFailure => Headline?.Start;
    public DateTimeOffset? Recovery => Headline is { Recovered: true } h ? h.End : null;
    /// <summary>False when the run ended before the role came back, whichever outage that was.</summary>
    public bool Recovered { get; init; } = true;
    /// <summary>False when the run ended inside the confirmation window: fewer successes than required followed the last recovery.</summary>
    public bool RecoveryConfirmed { get; init; } = true;
    public double DowntimeSeconds => Headline?.Seconds ?? 0;
    /// <summary>The trailing part of the headline outage answered by ERROR 1290 (endpoint still on the demoted writer).</summary>
    public double ReadOnlySeconds => Headline?.ReadOnlySeconds ?? 0;
    /// <summary>The headline outage minus its read-only tail: connection refused, timeouts, resets.</summary>
    public double ConnectionErrorSeconds => Math.Round(DowntimeSeconds - ReadOnlySeconds, 3);
    public IReadOnlyDictionary<AttemptOutcome, int> OutcomeCounts => Headline?.OutcomeCounts ?? new Dictionary<AttemptOutcome, int>();
    public IReadOnlyList<FlapPeriod> Flaps => Headline?.Flaps ?? [];
    public IReadOnlyList<DnsChange> DnsChanges { get; init; } = [];
    /// <summary>Headline recovery minus the last DNS change at or before it (positive: recovered after DNS moved).</summary>
    public double? RecoveryAfterDnsChangeSeconds { get; init; }
    public string? InstanceBefore { get; init; }
    public string? InstanceAfter { get; init; }
}
