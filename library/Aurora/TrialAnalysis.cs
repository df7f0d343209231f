namespace Ops.Aurora;

/// <summary>One failover trial's writer and reader downtimes.</summary>
public sealed record TrialAnalysis(string Label, string Configuration, RoleDowntime Writer, RoleDowntime Reader)
{
    public RoleDowntime this[ProbeRole role] => role == ProbeRole.Writer ? Writer : Reader;
}
