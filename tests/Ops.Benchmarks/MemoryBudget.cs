using System.Diagnostics;
using System.Globalization;
using Ops.Memory;

namespace Ops.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/Ops.Benchmarks -- memory-triage</c>: the memory triage budgets
/// timed by wall clock and by this process's CPU time, so a busy shared machine does not hide what
/// the code costs. Parsing is single-threaded, so its CPU time is one core's time.
/// </summary>
public static class MemoryBudget
{
    public static int Run(string[] args)
    {
        var lines = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var text = SyntheticVmstat.Text(lines);
        Vmstat.Count(new StringReader(text[..(text.IndexOf('\n', Math.Min(text.Length - 1, 2_000_000)) + 1)])); // warm up (tiered JIT)

        var parse = new List<(double Wall, double Cpu)>();
        for (var i = 0; i < 5; i++)
        {
            var (wall, cpu, n) = Time(() => Vmstat.Count(new StringReader(text)));
            if (n != lines) throw new InvalidOperationException($"parsed {n} samples, expected {lines}");
            parse.Add((wall, cpu));
        }
        var wallMedian = Median(parse.Select(p => p.Wall));
        var cpuMedian = Median(parse.Select(p => p.Cpu));
        Console.WriteLine(FormattableString.Invariant(
            $"vmstat parsing: {lines:N0} lines, median wall {wallMedian:0.000} s ({lines / wallMedian / 1e6:0.00} M lines/s), median CPU {cpuMedian:0.000} s ({lines / cpuMedian / 1e6:0.00} M lines/s per core); budget 1 M lines/s"));

        // The same lines from a file into a HostSeries (UTF-8 decoding and storage included).
        var file = Path.Combine(Path.GetTempPath(), $"ops-bench-{Environment.ProcessId}.vmstat");
        File.WriteAllText(file, text);
        try
        {
            var load = new List<(double Wall, double Cpu)>();
            for (var i = 0; i < 5; i++)
            {
                var (wall, cpu, n) = Time(() => HostSeries.Load(file).Count);
                if (n != lines) throw new InvalidOperationException($"loaded {n} samples, expected {lines}");
                load.Add((wall, cpu));
            }
            var lw = Median(load.Select(p => p.Wall));
            var lc = Median(load.Select(p => p.Cpu));
            Console.WriteLine(FormattableString.Invariant(
                $"vmstat file to HostSeries: median wall {lw:0.000} s ({lines / lw / 1e6:0.00} M lines/s), median CPU {lc:0.000} s ({lines / lc / 1e6:0.00} M lines/s per core)"));
        }
        finally { File.Delete(file); }

        var fleet = SyntheticVmstat.Fleet(100, 86_400);
        MemoryTriage.Run(fleet.Take(2)); // warm up
        var triage = new List<(double Wall, double Cpu)>();
        string verdict = "";
        for (var i = 0; i < 3; i++)
        {
            var (wall, cpu, _) = Time(() => { verdict = MemoryTriage.Run(fleet).VerdictName; return 0; });
            triage.Add((wall, cpu));
        }
        Console.WriteLine(FormattableString.Invariant(
            $"triage: 100 hosts x 86,400 samples ({verdict}), median wall {Median(triage.Select(t => t.Wall)):0.00} s, median CPU {Median(triage.Select(t => t.Cpu)):0.00} s; budget 10 s"));
        return 0;
    }

    private static (double Wall, double Cpu, long Result) Time(Func<long> work)
    {
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = work();
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu0).TotalSeconds, result);
    }

    private static double Median(IEnumerable<double> values)
    {
        var s = values.OrderBy(v => v).ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }
}
