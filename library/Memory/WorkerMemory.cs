namespace Ops.Memory;

/// <summary>
/// One worker's memory split the copy-on-write way: pages still shared with the parent and
/// siblings, and pages it alone holds. From a kill report row (SHAR/PRIV) or /proc/PID/smaps_rollup
/// (Shared_* / Private_*). MB.
/// </summary>
public sealed record WorkerMemory(int Pid, string Command, double RssMb, double SharedMb, double PrivateMb, double? PssMb = null)
{
    public double SharedPercent => RssMb > 0 ? Math.Round(SharedMb / RssMb * 100, 1) : 0;

    public static WorkerMemory From(KilledProcess p) => new(p.Pid, p.Command, p.RssMb, p.SharMb, p.PrivMb);
}
