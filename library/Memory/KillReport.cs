namespace Ops.Memory;

/// <summary>
/// One report of the memory watchdog (docs/background.md): when real free memory fell below its threshold it killed the
/// fattest worker(s) and mailed the system memory at that moment and what it killed. Sizes in MB.
/// </summary>
public sealed record KillReport(
    string Host,
    DateTime? MailedAt,
    DateTime At,
    SystemMemory System,
    IReadOnlyList<KilledProcess> Killed,
    string Source,
    long Line);

/// <summary>The <c>== SYSTEM ==</c> row: REALFREE = FREE + BUFFERS + CACHED, REALFREE% of TOTAL.</summary>
public sealed record SystemMemory(double TotalMb, double FreeMb, double BuffersMb, double CachedMb, double RealFreeMb, double RealFreePercent);

/// <summary>
/// One row of <c>== KILLED PROCESSES (kind) ==</c>. SHAR is memory shared with the parent and
/// siblings (copy-on-write pages not yet written), PRIV what this worker alone holds; SHAR% = SHAR/RSS.
/// </summary>
public sealed record KilledProcess(
    string Status,
    string User,
    int Ppid,
    int Pid,
    int Child,
    double RssMb,
    double PrivMb,
    double SharMb,
    double SharPercent,
    DateTime Start,
    string Command,
    string Kind)
{
    /// <summary>How long the worker had lived when the report was taken.</summary>
    public TimeSpan AgeAt(DateTime at) => at - Start;
}
