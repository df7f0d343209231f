using Ops.Memory;

namespace Ops.Tests.Memory;

public class MemoryChartsTests
{
    private static TriageResult SeedCase() =>
        MemoryTriage.Run(Fleet.Hosts(3, 3600, Fleet.SuddenAllocations(from: 1800)),
            KillReports.ParseText(SeedExcerpts.KillReport.Replace("2019-06-15T00:02:25", "2019-06-14T23:50:00").Replace("2019-06-14T23:58:10", "2019-06-14T23:45:00"), "seed.mail", "web02"),
            Fleet.FlatRequests(60));

    [Fact]
    public void Memory_chart_has_a_panel_per_host_with_drops_kills_and_requests_on_the_second_axis()
    {
        var result = SeedCase();
        var grid = result.MemoryChart();

        Assert.Equal(3, grid.Panels.Count);
        Assert.Equal(result.Hosts[0].Host, grid.Panels[0].Title);
        var web02 = grid.Panels.Single(p => p.Title == "web02");
        Assert.Contains(web02.Series, s => s.Name == "free MB");
        Assert.Contains(web02.Series, s => s.Name == "available MB");
        Assert.Contains(web02.Series, s => s.Name == "requests/min" && s.OnSecondAxis);
        var drops = web02.Series.Single(s => s.Name == "sudden drops");
        Assert.Equal(result.SuddenDrops.Count(d => d.Host == "web02"), drops.Points.Count);
        var kill = Assert.Single(web02.EventMarkers);
        Assert.Equal("kill 45594", kill.Label);
        var bundle = grid.ToMimeBundle();
        Assert.Contains("<svg", bundle.Get("image/svg+xml"));
        Assert.NotNull(bundle.Get("application/vnd.plotly.v1+json"));
    }

    [Fact]
    public void Anomaly_chart_ranks_hosts_and_escapes_their_names()
    {
        var hosts = Fleet.Hosts(4, 3600, (h, t) => h == 2 ? 2000 - 800.0 * t / 3600 : 1500)
            .Select((s, i) => i == 2 ? new HostSeries("<web03>", s.Samples) : s).ToList();
        var chart = MemoryTriage.Run(hosts, requests: Fleet.FlatRequests(60)).AnomalyChart();

        var bars = chart.Series.Single(s => s.Name == "anomaly score");
        Assert.Equal(4, bars.Points.Count);
        Assert.Equal("<web03>", chart.Annotations[0].Text);
        var svg = chart.ToSvg();
        Assert.DoesNotContain("<web03>", svg);
        Assert.Contains("&lt;web03&gt;", svg);
    }
}
