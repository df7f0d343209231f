namespace Ops.Memory;

/// <summary>
/// What triage found on one host in the window. <see cref="AnomalyScore"/> is the largest robust
/// z-score of the host's growth, drops and kills against all hosts (above 3.5: unlike the others).
/// </summary>
public sealed record HostAssessment(
    string Host,
    int Samples,
    double MinAvailableMb,
    double MeanAvailableMb,
    double GrowthMbPerHour,
    int Drops,
    double DroppedMb,
    int Kills,
    double AnomalyScore)
{
    /// <summary>True when this host shows any sign of the alert (drops, creep or kills).</summary>
    public bool Affected(TriageOptions options) => Drops > 0 || Kills > 0 || GrowthMbPerHour > options.CreepMbPerHour;
}
