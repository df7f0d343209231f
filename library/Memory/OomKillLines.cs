using System.Globalization;
using System.Text.RegularExpressions;

namespace Ops.Memory;

/// <summary>
/// Kills logged by the kernel's OOM killer and by systemd-oomd, as <c>dmesg -T</c>, <c>journalctl -k</c>
/// (short, short-precise or short-iso) or plain <c>dmesg</c> print them:
/// <code>
/// [Sat Jun 15 00:01:37 2019] Out of memory: Killed process 45594 (index.fcgi) total-vm:2530000kB, anon-rss:262000kB, file-rss:4000kB, shmem-rss:2020000kB, ...
/// Jun 15 00:01:37 web01 kernel: Out of memory: Killed process 45594 (index.fcgi) total-vm:...
/// Jun 15 00:01:37 web01 systemd-oomd[612]: Killed /system.slice/app.service due to memory pressure for /system.slice being 72.40% > 50.00% for > 20s with reclaim activity
/// </code>
/// Times are the clock times written (offsets ignored, like every other input); a line without a year
/// takes the year of the data it is read with.
/// </summary>
internal static partial class OomKillLines
{
    /// <summary>True when <paramref name="line"/> is a kill line; <paramref name="report"/> is null when it cannot be placed in time (plain dmesg).</summary>
    public static bool TryParse(string line, string source, long number, string defaultHost, DateTime around, out KillReport? report, out string? note)
    {
        report = null;
        note = null;
        var kernel = KernelKill().Match(line);
        var oomd = kernel.Success ? Match.Empty : OomdKill().Match(line);
        if (!kernel.Success && !oomd.Success) return false;

        var host = defaultHost;
        DateTime at;
        if (JournalPrefix().Match(line) is { Success: true } j)
        {
            host = j.Groups["host"].Value;
            at = j.Groups["iso"].Success ? Iso(j.Groups["iso"].Value) : NoYear(j.Groups["mon"].Value, j.Groups["day"].Value, j.Groups["time"].Value, around);
        }
        else if (DmesgTimePrefix().Match(line) is { Success: true } d)
            at = DateTime.ParseExact($"{d.Groups["mon"].Value} {d.Groups["day"].Value} {d.Groups["year"].Value} {d.Groups["time"].Value}", "MMM d yyyy HH:mm:ss", CultureInfo.InvariantCulture);
        else
        {
            note = $"{source}:{number}: kill line without a clock time (plain dmesg counts seconds since boot), not counted; record with `dmesg -T` or `journalctl -k`";
            return true;
        }

        KilledProcess process;
        if (kernel.Success)
        {
            double Kb(string name) => Field(kernel.Groups["rest"].Value, name) / 1024.0;
            var anon = Kb("anon-rss");
            var shared = Kb("file-rss") + Kb("shmem-rss");
            var rss = anon + shared;
            process = new KilledProcess("KILLED", "", 0, int.Parse(kernel.Groups["pid"].Value, CultureInfo.InvariantCulture), 0,
                Math.Round(rss, 1), Math.Round(anon, 1), Math.Round(shared, 1), rss > 0 ? Math.Round(shared / rss * 100, 1) : 0, at, Bounded(kernel.Groups["name"].Value), "oom");
        }
        else
        {
            var cgroup = Bounded(oomd.Groups["cgroup"].Value);
            process = new KilledProcess("KILLED", "", 0, 0, 0, double.NaN, double.NaN, double.NaN, double.NaN, at, cgroup, "oomd");
        }
        report = new KillReport(host, null, at, null, [process], source, number)
        {
            Detector = kernel.Success ? KillDetectors.KernelOom : KillDetectors.SystemdOomd,
        };
        return true;
    }

    private static double Field(string rest, string name)
    {
        var i = rest.IndexOf(name + ":", StringComparison.Ordinal);
        if (i < 0) return 0;
        var start = i + name.Length + 1;
        var end = start;
        while (end < rest.Length && char.IsAsciiDigit(rest[end])) end++;
        return double.TryParse(rest.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }

    private static DateTime Iso(string text)
    {
        var clock = text.Length >= 19 ? text[..19] : text;
        return DateTime.ParseExact(clock, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>"Jun 15 00:01:37" in the year of <paramref name="around"/> (the previous year when that would be after it by months).</summary>
    private static DateTime NoYear(string mon, string day, string time, DateTime around)
    {
        var t = DateTime.ParseExact($"{mon} {day} {around.Year} {time[..8]}", "MMM d yyyy HH:mm:ss", CultureInfo.InvariantCulture);
        return t > around.AddDays(31) ? t.AddYears(-1) : t;
    }

    private static string Bounded(string s) => s.Length <= 200 ? s : s[..200];

    [GeneratedRegex(@"Killed process (?<pid>\d+) \((?<name>[^)]{0,256})\)(?<rest>.{0,1024})")]
    private static partial Regex KernelKill();

    [GeneratedRegex(@"systemd-oomd(?:\[\d+\])?: Killed (?<cgroup>\S{1,512}) due to ")]
    private static partial Regex OomdKill();

    [GeneratedRegex(@"^(?:(?<iso>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\S*)|(?<mon>[A-Z][a-z]{2}) +(?<day>\d{1,2}) (?<time>\d{2}:\d{2}:\d{2}(?:\.\d+)?)) (?<host>[^\s\[\]:]+) [^\s:]+: ")]
    private static partial Regex JournalPrefix();

    [GeneratedRegex(@"^\[(?:[A-Z][a-z]{2}) (?<mon>[A-Z][a-z]{2}) +(?<day>\d{1,2}) (?<time>\d{2}:\d{2}:\d{2}) (?<year>\d{4})\]")]
    private static partial Regex DmesgTimePrefix();
}
