using Ops.Display;

namespace Ops.Tests.Display;

public class ChartApiTests
{
    private sealed record Sample(DateTime Time, double FreeMb);
    private sealed record Kill(DateTime At, string Command);

    private static readonly DateTime T0 = new(2019, 6, 14, 0, 0, 0);

    [Fact]
    public void Domain_objects_chart_through_selectors()
    {
        var samples = Enumerable.Range(0, 10).Select(i => new Sample(T0.AddSeconds(i * 5), 1600 - i * 50)).ToList();
        var kills = new[] { new Kill(T0.AddSeconds(25), "index.fcgi") };
        var chart = new Chart("Free memory")
            .Line("web01", samples, s => s.Time, s => s.FreeMb)
            .Markers(kills, k => k.At, k => "killed " + k.Command);
        Assert.True(chart.IsTimeAxis);
        Assert.Equal(10, chart.Series[0].Points.Count);
        Assert.Equal(new ChartMarker(T0.AddSeconds(25), "killed index.fcgi"), chart.EventMarkers.Single());
        Assert.Equal(new[] { MimeTypes.PlainText, MimeTypes.Svg, MimeTypes.Plotly }, chart.ToMimeBundle().Keys.ToArray());
    }

    [Fact]
    public void OnSecondAxis_moves_only_the_series_added_last()
    {
        var chart = new Chart().Line("free", new[] { (1.0, 1.0) }).Bar("requests", new[] { (1.0, 100.0) }).OnSecondAxis("req/s");
        Assert.False(chart.Series[0].OnSecondAxis);
        Assert.True(chart.Series[1].OnSecondAxis);
        Assert.Equal("req/s", chart.Y2Label);
    }

    [Fact]
    public void OnSecondAxis_before_any_series_says_what_to_do()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new Chart("mem").OnSecondAxis());
        Assert.Contains("call Line/Step/Bar/Scatter first", e.Message);
    }

    [Fact]
    public void A_series_cannot_mix_time_and_numeric_x()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new ChartSeries("bad", ChartKind.Line, new[] { new ChartPoint(T0, 1), new ChartPoint(1.0, 2) }));
        Assert.Contains("series 'bad' mixes time and numeric x values", e.Message);
    }

    [Fact]
    public void Formatter_displays_charts_grids_and_progress_through_their_own_bundles()
    {
        var chart = new Chart("c").Line("s", new[] { (1.0, 1.0) });
        Assert.Equal(chart.ToSvg(), Formatter.Format(chart)[MimeTypes.Svg]);
        var grid = Chart.Grid(chart, chart);
        Assert.Equal(grid.ToSvg(), Formatter.Format(grid)[MimeTypes.Svg]);
        Assert.Equal("p [          ] 0/3", Formatter.ToPlainText(new Progress("p", 3, new ProgressOptions { ShowRate = false })));
    }

    [Fact]
    public void Grid_refuses_panels_with_different_x_kinds()
    {
        var time = new Chart().Line("t", new[] { (T0, 1.0) });
        var number = new Chart().Line("n", new[] { (1.0, 1.0) });
        Assert.Throws<ArgumentException>(() => Chart.Grid(time, number));
    }

    [Fact]
    public void DateTime_and_DateTimeOffset_cannot_be_mixed_in_one_chart()
    {
        var chart = new Chart("mem").Line("web01", new[] { (T0, 1.0) });
        var e = Assert.Throws<ArgumentException>(() =>
            chart.Marker(new DateTimeOffset(T0, TimeSpan.FromHours(9)), "kill"));
        Assert.Contains("marker 'kill' has DateTimeOffset x values but the chart already has DateTime ones", e.Message);
        // Offsets may differ between DateTimeOffset values: they are instants.
        new Chart().Line("a", new[] { (new DateTimeOffset(T0, TimeSpan.Zero), 1.0) })
            .Marker(new DateTimeOffset(T0, TimeSpan.FromHours(9)), "same instant kind");
    }
}
