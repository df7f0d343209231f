using System.Text;
using BenchmarkDotNet.Attributes;
using Ops.Memory;

namespace Ops.Benchmarks;

/// <summary>
/// Memory triage budgets: vmstat parsing at ≥ 1 M lines/s on one core (the parser is single-threaded),
/// and triage of 100 hosts × 24 h of 1 s samples in under 10 s.
/// Run: <c>dotnet run -c Release --project tests/Ops.Benchmarks -- --filter '*VmstatParsing*' '*FleetTriage*'</c>
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class VmstatParsing
{
    private const int Lines = 200_000;
    private string _text = "";

    [GlobalSetup]
    public void Setup() => _text = SyntheticVmstat.Text(Lines);

    /// <summary>One operation is one line, so the reported time per op is seconds per line.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public long Seed_format_lines() => Vmstat.Count(new StringReader(_text), "bench.vmstat");
}

[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class FleetTriage
{
    private List<HostSeries> _hosts = new();

    [GlobalSetup]
    public void Setup() => _hosts = SyntheticVmstat.Fleet(hosts: 100, seconds: 86_400);

    [Benchmark]
    public TriageVerdict Hundred_hosts_one_day_per_second() => MemoryTriage.Run(_hosts).Verdict;
}

/// <summary>Deterministic vmstat text and fleets shaped like the seed's samples.</summary>
public static class SyntheticVmstat
{
    public static string Text(int lines)
    {
        var random = new Random(42);
        var sb = new StringBuilder(lines * 110);
        sb.Append("                          procs -----------memory---------- ---swap-- -----io---- --system--  -----cpu-----\n");
        sb.Append("                          r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st\n");
        var t = new DateTime(2019, 6, 14, 0, 0, 0);
        for (var i = 0; i < lines; i++, t = t.AddSeconds(1))
            sb.Append(' ').Append(t.ToString("yyyyMMdd HH:mm:ss")).Append("        ").Append(random.Next(3, 12)).Append("  0      0 ")
              .Append(random.Next(150_000, 1_600_000)).Append(' ').Append(random.Next(300_000, 680_000)).Append(' ').Append(random.Next(170_000, 430_000))
              .Append("    0    0    56   228 21715 9998 13  2 84  0  0\n");
        return sb.ToString();
    }

    public static List<HostSeries> Fleet(int hosts, int seconds)
    {
        var start = new DateTime(2019, 6, 14, 0, 0, 0);
        var list = new List<HostSeries>(hosts);
        for (var h = 0; h < hosts; h++)
        {
            var random = new Random(h);
            var s = new HostSeries($"web{h:000}", seconds);
            long held = 0;
            for (var i = 0; i < seconds; i++)
            {
                if (random.Next(120) == 0) held += random.Next(200, 400) * 1024L; // a sudden allocation
                if (random.Next(90) == 0) held = held / 2;                         // workers recycled
                s.Add(new MemorySample(start.AddSeconds(i), 1_600_000 - held + random.Next(-10_000, 10_000), 600_000, 400_000));
            }
            list.Add(s);
        }
        return list;
    }
}
