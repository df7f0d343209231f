namespace Ops.Memory;

/// <summary>
/// One kill: a watchdog report (when real free memory fell below its threshold it killed the fattest
/// worker(s) and mailed the system memory at that moment and what it killed), a kernel OOM-killer line
/// or a systemd-oomd line. Sizes in MB. <see cref="System"/> is known only from the watchdog's mail.
/// </summary>
public sealed record KillReport(
    string Host,
    DateTime? MailedAt,
    DateTime At,
    SystemMemory? System,
    IReadOnlyList<KilledProcess> Killed,
    string Source,
    long Line)
{
    /// <summary>Who killed: <c>watchdog</c> (the mail), <c>kernel-oom</c> (dmesg, journalctl -k) or <c>systemd-oomd</c>.</summary>
    public string Detector { get; init; } = KillDetectors.Watchdog;
}

/// <summary>The names of <see cref="KillReport.Detector"/>.</summary>
public static class KillDetectors
{
    public const string Watchdog = "watchdog";
    public const string KernelOom = "kernel-oom";
    public const string SystemdOomd = "systemd-oomd";
}

/// <summary>The <c>== SYSTEM ==</c> row: REALFREE = FREE + BUFFERS + CACHED, REALFREE% of TOTAL.</summary>
public sealed record SystemMemory(double TotalMb, double FreeMb, double BuffersMb, double CachedMb, double RealFreeMb, double RealFreePercent);

/// <summary>
/// One row of <c>== KILLED PROCESSES (kind) ==</c>. SHAR is memory shared with the parent and
/// siblings (copy-on-write pages not yet written), PRIV what this worker alone holds; SHAR% = SHAR/RSS.
/// From a kernel OOM line: RSS = anon + file + shmem rss, PRIV = anon-rss, SHAR = file + shmem rss, START
/// unknown (equal to the kill time, so the age is 0).
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
