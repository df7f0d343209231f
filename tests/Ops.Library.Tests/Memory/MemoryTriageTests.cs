using System.Text.Json;
using Ops.Memory;

namespace Ops.Tests.Memory;

public class MemoryTriageTests
{
    private const int Hour = 3600;

    [Fact]
    public void Flat_memory_and_flat_traffic_is_no_problem()
    {
        var result = MemoryTriage.Run(Fleet.Hosts(6, Hour, (_, _) => 1500), requests: Fleet.FlatRequests(60));
        Assert.Equal(TriageVerdict.NoProblem, result.Verdict);
        Assert.Empty(result.SuddenDrops);
        Assert.All(result.Hosts, h => Assert.True(h.AnomalyScore < 3.5, $"{h.Host} {h.AnomalyScore}"));
    }

    [Fact]
    public void Memory_rising_with_requests_is_traffic_driven()
    {
        // Requests ramp from 100 to 400 per minute; each request per minute costs 4 MB of workers.
        var requests = Fleet.Requests(60, m => 100 + 5 * m);
        var result = MemoryTriage.Run(Fleet.Hosts(6, Hour, (_, t) => 2500 - 4 * (100 + 5 * (t / 60))), requests: requests);
        Assert.Equal(TriageVerdict.TrafficDriven, result.Verdict);
        Assert.True(result.RequestCorrelation > 0.9, $"r = {result.RequestCorrelation}");
        Assert.Contains(result.Evidence, e => e.StartsWith("Q1") && e.Contains("memory follows traffic"));
    }

    [Fact]
    public void One_host_creeping_while_the_others_are_flat_is_single_host()
    {
        var result = MemoryTriage.Run(Fleet.Hosts(6, Hour, (h, t) => h == 3 ? 2000 - 800.0 * t / Hour : 1500), requests: Fleet.FlatRequests(60));
        Assert.Equal(TriageVerdict.SingleHost, result.Verdict);
        Assert.Equal("web04", result.Hosts[0].Host);
        Assert.True(result.Hosts[0].AnomalyScore >= 3.5);
        Assert.All(result.Hosts.Skip(1), h => Assert.True(h.AnomalyScore < 3.5, $"{h.Host} {h.AnomalyScore}"));
        Assert.InRange(result.Hosts[0].GrowthMbPerHour, 780, 820);
    }

    [Fact]
    public void Drops_on_every_host_after_a_point_with_flat_traffic_are_sudden_allocations()
    {
        var result = MemoryTriage.Run(Fleet.Hosts(6, Hour, Fleet.SuddenAllocations(from: 1800)), requests: Fleet.FlatRequests(60));
        Assert.Equal(TriageVerdict.SuddenAllocations, result.Verdict);
        Assert.All(result.Hosts, h => Assert.True(h.Drops > 0, $"{h.Host} has no drops"));
        Assert.All(result.SuddenDrops, d => Assert.True(d.Time >= Fleet.Start.AddSeconds(1800), $"{d.Host} {d.Time}"));
        Assert.All(result.SuddenDrops, d => Assert.InRange(d.DropMb, 200, 1000));
        Assert.Contains("heap", result.NextStep);
        Assert.Contains("before fork", result.NextStep);
    }

    [Fact]
    public void Even_creep_on_every_host_with_flat_traffic_is_gradual_growth()
    {
        var result = MemoryTriage.Run(Fleet.Hosts(6, Hour, (h, t) => 2000 - (600.0 + 20 * h) * t / Hour), requests: Fleet.FlatRequests(60));
        Assert.Equal(TriageVerdict.GradualGrowth, result.Verdict);
        Assert.Empty(result.SuddenDrops);
        Assert.All(result.Hosts, h => Assert.InRange(h.GrowthMbPerHour, 550, 750));
    }

    [Fact]
    public void Window_limits_samples_kills_and_requests()
    {
        var hosts = Fleet.Hosts(4, Hour, Fleet.SuddenAllocations(from: 1800));
        var options = new TriageOptions { From = Fleet.Start, To = Fleet.Start.AddSeconds(1800) };
        var result = MemoryTriage.Run(hosts, requests: Fleet.FlatRequests(60), options: options);
        Assert.Equal(TriageVerdict.NoProblem, result.Verdict);
        Assert.All(result.Hosts, h => Assert.Equal(1800, h.Samples));
        Assert.Equal(30, result.Requests.Count);
    }

    [Fact]
    public void Json_follows_the_cli_contract()
    {
        var result = MemoryTriage.Run(Fleet.Hosts(4, Hour, Fleet.SuddenAllocations(from: 1800)), requests: Fleet.FlatRequests(60));
        using var doc = JsonDocument.Parse(result.ToJson());
        var root = doc.RootElement;
        Assert.Equal(new[] { "verdict", "evidence", "suddenDrops", "hosts", "kills", "warnings" }, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("sudden-allocations", root.GetProperty("verdict").GetString());
        Assert.True(root.GetProperty("evidence").GetArrayLength() >= 4);
        Assert.Equal("Next step: " + result.NextStep, root.GetProperty("evidence").EnumerateArray().Last().GetString());
        var drop = root.GetProperty("suddenDrops")[0];
        Assert.Equal(result.SuddenDrops[0].Host, drop.GetProperty("host").GetString());
        Assert.Equal(result.SuddenDrops[0].Time, DateTime.Parse(drop.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(drop.GetProperty("dropMb").GetDouble() > 200);
        Assert.Equal(4, root.GetProperty("hosts").GetArrayLength());
        Assert.True(root.GetProperty("hosts")[0].TryGetProperty("anomalyScore", out _));
    }

    [Fact]
    public void Verdict_names_round_trip()
    {
        Assert.Equal(new[] { "traffic-driven", "single-host", "sudden-allocations", "gradual-growth", "no-problem" },
            Enum.GetValues<TriageVerdict>().Select(v => v.Name()));
        Assert.All(Enum.GetValues<TriageVerdict>(), v => Assert.Equal(v, TriageVerdicts.Parse(v.Name())));
    }

    [Fact]
    public void Rendering_escapes_host_names_from_the_input()
    {
        var hosts = new[] { new HostSeries("<b>web</b>", Vmstat.ParseText(SeedExcerpts.Vmstat)) };
        var bundle = MemoryTriage.Run(hosts).ToMimeBundle();
        var html = bundle.Get("text/html")!;
        Assert.DoesNotContain("<b>web</b>", html);
        Assert.Contains("&lt;b&gt;web&lt;/b&gt;", html);
        Assert.Contains("verdict: sudden-allocations", bundle.PlainText);
    }

    [Fact]
    public void Chart_data_keeps_drops_when_downsampling()
    {
        var result = MemoryTriage.Run(Fleet.Hosts(2, Hour, Fleet.SuddenAllocations(from: 1800)), requests: Fleet.FlatRequests(60));
        var chart = result.ChartData();
        var free = chart.Series.Single(s => s.Name == "web01 free MB");
        Assert.True(free.Points.Count <= 600);
        var lowest = result.Series[0].FreeKb.ToArray().Min() / 1024.0;
        Assert.Equal(lowest, free.Points.Min(p => p.Value), 0);
        Assert.Contains(chart.Series, s => s.SecondAxis && s.Name == "requests/min");
        Assert.Equal(result.SuddenDrops.Count, chart.Markers.Count(m => m.Kind == "drop"));
        Assert.Equal(result.Hosts[0].Host, chart.Ranking[0].Host);
    }
}

public class TriageWindowTests
{
    private static readonly DateTime DataEnd = new(2019, 6, 15, 0, 9, 59);

    [Fact]
    public void Window_accepts_dates_and_times()
    {
        var (from, to) = TriageOptions.ParseWindow("2019-06-14T23:50..2019-06-15 00:10:00");
        Assert.Equal(new DateTime(2019, 6, 14, 23, 50, 0), from);
        Assert.Equal(new DateTime(2019, 6, 15, 0, 10, 0), to);
    }

    [Fact]
    public void Times_of_day_are_taken_on_the_last_samples_day_and_may_cross_midnight()
    {
        Assert.Equal((new DateTime(2019, 6, 15, 0, 0, 0), new DateTime(2019, 6, 15, 0, 10, 0)), TriageOptions.ParseWindow("00:00..00:10", DataEnd));
        Assert.Equal((new DateTime(2019, 6, 14, 23, 50, 0), new DateTime(2019, 6, 15, 0, 10, 0)), TriageOptions.ParseWindow("23:50..00:10", DataEnd));
        Assert.Equal((new DateTime(2019, 6, 15, 0, 5, 0), null), TriageOptions.ParseWindow("00:05..", DataEnd));
        Assert.Equal((new DateTime(2019, 6, 14, 23, 40, 0), new DateTime(2019, 6, 14, 23, 55, 0)), TriageOptions.ParseWindow("23:40..23:55", DataEnd));
        Assert.Equal((new DateTime(2019, 6, 14, 23, 0, 0), new DateTime(2019, 6, 15, 0, 0, 0)), TriageOptions.ParseWindow("23:00..2019-06-15T00:00", DataEnd));
    }

    [Fact]
    public void Bad_windows_say_what_to_write()
    {
        Assert.Contains("FROM..TO", Assert.Throws<FormatException>(() => TriageOptions.ParseWindow("yesterday")).Message);
        Assert.Contains("ends before it starts", Assert.Throws<FormatException>(() => TriageOptions.ParseWindow("2019-06-15T00:10..2019-06-15T00:00")).Message);
        Assert.Contains("no data", Assert.Throws<FormatException>(() => TriageOptions.ParseWindow("00:00..00:10")).Message);
    }
}
