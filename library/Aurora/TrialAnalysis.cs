namespace Ops.Aurora;

/// <summary>One failover trial's writer and reader outages, on the run's timeline.</summary>
public sealed record TrialAnalysis(string Label, string Configuration, RoleDowntime Writer, RoleDowntime Reader)
{
    public RoleDowntime this[ProbeRole role] => role == ProbeRole.Writer ? Writer : Reader;

    /// <summary>Second zero of the trial's timeline (the run's start).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The last attempt plus one interval.</summary>
    public DateTimeOffset EndedAt { get; init; }

    /// <summary>RDS events that fall inside the run (see <see cref="FailoverTrials.WithEvents"/>).</summary>
    public IReadOnlyList<RdsEvent> Events { get; init; } = [];

    /// <summary>Seconds since the trial's start.</summary>
    public double SecondsAt(DateTimeOffset time) => Math.Round((time - StartedAt).TotalSeconds, 3);
}
