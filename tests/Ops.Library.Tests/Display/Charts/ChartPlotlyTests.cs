using System.Text.Json;
using Ops.Display;

namespace Ops.Tests.Display;

public class ChartPlotlyTests
{
    private static readonly DateTime T0 = new(2019, 6, 14, 0, 0, 0);

    private static Chart MemoryAndRequests() => new Chart("Free memory")
        .Line("web01", Enumerable.Range(0, 5).Select(i => (T0.AddSeconds(i * 5), 1595.9 - i * 100)))
        .Step("workers", new[] { (T0, 20.0), (T0.AddSeconds(10), 14.0) })
        .Bar("requests", new[] { (T0, 1000.0), (T0.AddSeconds(10), double.NaN) }).OnSecondAxis("requests/s")
        .Marker(T0.AddSeconds(7), "killed index.fcgi")
        .Annotate(T0.AddSeconds(10), 1395.9, "drop")
        .YAxis("MB");

    [Fact]
    public void Figure_has_one_trace_per_series_with_its_points()
    {
        using var doc = JsonDocument.Parse(MemoryAndRequests().ToPlotlyJson());
        var data = doc.RootElement.GetProperty("data");
        Assert.Equal(3, data.GetArrayLength());
        var line = data[0];
        Assert.Equal("scatter", line.GetProperty("type").GetString());
        Assert.Equal("lines", line.GetProperty("mode").GetString());
        Assert.Equal("web01", line.GetProperty("name").GetString());
        Assert.Equal("2019-06-14 00:00:05.000", line.GetProperty("x")[1].GetString());
        Assert.Equal(1495.9, line.GetProperty("y")[1].GetDouble());
        Assert.Equal("hv", data[1].GetProperty("line").GetProperty("shape").GetString());
        Assert.Equal("bar", data[2].GetProperty("type").GetString());
        Assert.Equal("y2", data[2].GetProperty("yaxis").GetString());
        Assert.Equal(JsonValueKind.Null, data[2].GetProperty("y")[1].ValueKind); // NaN is a gap
    }

    [Fact]
    public void Layout_has_date_x_axis_right_axis_marker_lines_and_annotations()
    {
        using var doc = JsonDocument.Parse(MemoryAndRequests().ToPlotlyJson());
        var layout = doc.RootElement.GetProperty("layout");
        Assert.Equal("Free memory", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("date", layout.GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("MB", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        var y2 = layout.GetProperty("yaxis2");
        Assert.Equal("y", y2.GetProperty("overlaying").GetString());
        Assert.Equal("right", y2.GetProperty("side").GetString());
        var shape = layout.GetProperty("shapes").EnumerateArray().Single();
        Assert.Equal("2019-06-14 00:00:07.000", shape.GetProperty("x0").GetString());
        var texts = layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()).ToList();
        Assert.Equal(new[] { "killed index.fcgi", "drop" }, texts);
    }

    [Fact]
    public void Numeric_x_is_written_as_numbers()
    {
        using var doc = JsonDocument.Parse(new Chart().Scatter("s", new[] { (1.5, 2.0) }).ToPlotlyJson());
        var trace = doc.RootElement.GetProperty("data")[0];
        Assert.Equal("markers", trace.GetProperty("mode").GetString());
        Assert.Equal(1.5, trace.GetProperty("x")[0].GetDouble());
        Assert.False(doc.RootElement.GetProperty("layout").GetProperty("xaxis").TryGetProperty("type", out _));
    }

    [Fact]
    public void Grid_figure_gives_each_panel_its_own_axes_and_domain()
    {
        var grid = Chart.Grid(
            new Chart("web01").Line("free", new[] { (T0, 1.0), (T0.AddMinutes(1), 2.0) }).Marker(T0, "kill"),
            new Chart("web02").Line("free", new[] { (T0, 3.0) }).Bar("req", new[] { (T0, 5.0) }).OnSecondAxis());
        using var doc = JsonDocument.Parse(grid.ToPlotlyJson());
        var data = doc.RootElement.GetProperty("data");
        Assert.Equal(3, data.GetArrayLength());
        Assert.Equal(("x", "y"), (data[0].GetProperty("xaxis").GetString(), data[0].GetProperty("yaxis").GetString()));
        Assert.Equal(("x2", "y3"), (data[1].GetProperty("xaxis").GetString(), data[1].GetProperty("yaxis").GetString()));
        Assert.Equal("y4", data[2].GetProperty("yaxis").GetString());
        var layout = doc.RootElement.GetProperty("layout");
        var top = layout.GetProperty("yaxis").GetProperty("domain");
        var bottom = layout.GetProperty("yaxis3").GetProperty("domain");
        Assert.True(bottom[1].GetDouble() < top[0].GetDouble(), "panels stacked without overlap");
        Assert.Equal("y3", layout.GetProperty("yaxis4").GetProperty("overlaying").GetString());
        // Shared x: both panels use the same range.
        Assert.Equal(layout.GetProperty("xaxis").GetProperty("range").GetRawText(), layout.GetProperty("xaxis2").GetProperty("range").GetRawText());
    }

    [Fact]
    public void Long_series_are_thinned_in_the_figure_but_keep_their_extremes()
    {
        var points = Enumerable.Range(0, 86400).Select(i => (T0.AddSeconds(i), i == 50000 ? 12.0 : i == 60000 ? 3000.0 : 1000.0 + i % 7));
        var chart = new Chart("day").Line("free", points);
        using var doc = JsonDocument.Parse(chart.ToPlotlyJson());
        var ys = doc.RootElement.GetProperty("data")[0].GetProperty("y").EnumerateArray().Select(y => y.GetDouble()).ToList();
        Assert.InRange(ys.Count, 1000, ChartThinning.MaxPlotlyPoints);
        Assert.Contains(12.0, ys);
        Assert.Contains(3000.0, ys);
        Assert.Contains("free (line, 86400 points)", chart.ToText());
    }
}
