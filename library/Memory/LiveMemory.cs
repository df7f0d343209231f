using System.Text.RegularExpressions;

namespace Ops.Memory;

/// <summary>One reading of one matching process during live sampling.</summary>
public sealed record ProcessSample(DateTime Time, WorkerMemory Memory);

/// <summary>What live sampling recorded: the host's memory and the matching processes over time.</summary>
public sealed record LiveRecording(HostSeries Host, IReadOnlyList<ProcessSample> Processes)
{
    /// <summary>Copy-on-write view of the last reading of each process.</summary>
    public CopyOnWriteReport? LastCopyOnWrite()
    {
        var last = Processes.GroupBy(p => p.Memory.Pid).Select(g => g.Last().Memory).ToList();
        return last.Count == 0 ? null : CopyOnWrite.Analyse(last);
    }
}

/// <summary>
/// Live mode on Linux: samples /proc/meminfo (MemFree, Buffers, Cached, MemAvailable) and the
/// smaps_rollup of processes whose name or command line matches a pattern, at an interval, for a
/// bounded time, into the same types the recorded files give.
/// </summary>
public static class LiveMemory
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(24);

    public static LiveRecording Record(string processPattern, TimeSpan interval, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("live memory sampling reads /proc and works on Linux only; use recorded vmstat/sar files elsewhere");
        if (interval < TimeSpan.FromMilliseconds(10)) throw new ArgumentOutOfRangeException(nameof(interval), "interval must be at least 10 ms");
        if (duration < TimeSpan.Zero || duration > MaxDuration) throw new ArgumentOutOfRangeException(nameof(duration), $"duration must be between 0 and {MaxDuration.TotalHours} h");
        var pattern = new Regex(processPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var token = Cancellation.Or(cancellationToken);
        var host = new HostSeries(Environment.MachineName);
        var processes = new List<ProcessSample>();
        var samples = (int)(duration.Ticks / interval.Ticks) + 1;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < samples; i++)
        {
            token.ThrowIfCancellationRequested();
            var now = DateTime.Now;
            host.Add(ReadMeminfo(now));
            foreach (var (pid, name) in Matching(pattern))
                if (SmapsRollup.Read(pid, name) is { } memory) processes.Add(new ProcessSample(now, memory));
            if (i == samples - 1) break;
            var wait = TimeSpan.FromTicks(interval.Ticks * (i + 1)) - clock.Elapsed;
            if (wait > TimeSpan.Zero && token.WaitHandle.WaitOne(wait)) token.ThrowIfCancellationRequested();
        }
        return new LiveRecording(host, processes);
    }

    /// <summary>One /proc/meminfo reading.</summary>
    public static MemorySample ReadMeminfo(DateTime time, string path = "/proc/meminfo")
    {
        long free = -1, buffers = 0, cached = 0, available = -1;
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var name = line.AsSpan(0, colon);
            var value = line.AsSpan(colon + 1).Trim();
            if (value.EndsWith(" kB")) value = value[..^3].TrimEnd();
            long Kb(ReadOnlySpan<char> v) => Fields.TryLong(v, out var kb) ? kb : throw new MemoryInputException(path, number, $"{line.AsSpan(0, colon)} value '{v}' is not a number of kB");
            switch (name)
            {
                case "MemFree": free = Kb(value); break;
                case "Buffers": buffers = Kb(value); break;
                case "Cached": cached = Kb(value); break;
                case "MemAvailable": available = Kb(value); break;
            }
        }
        if (free < 0) throw new MemoryInputException(path, number, "no MemFree line");
        return new MemorySample(time, free, buffers, cached, available >= 0 ? available : free + buffers + cached);
    }

    private static IEnumerable<(int Pid, string Name)> Matching(Regex pattern)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            string name;
            bool matches;
            try
            {
                name = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
                matches = pattern.IsMatch(name) || pattern.IsMatch(File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; } // exited meanwhile
            if (matches) yield return (pid, name);
        }
    }
}
