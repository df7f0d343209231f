using Ops.Display;

namespace Ops.Tests.Display;

public class ChartTextSummaryTests
{
    private static readonly DateTime T0 = new(2019, 6, 14, 0, 1, 40);

    [Fact]
    public void Summary_lists_series_ranges_markers_and_annotations()
    {
        var chart = new Chart("Free memory (KB)")
            .Line("web01", new[] { (T0, 1595940.0), (T0.AddSeconds(5), 999816.0), (T0.AddSeconds(10), double.NaN), (T0.AddSeconds(15), 1000000.0) })
            .Bar("requests", new[] { (T0, 21715.0), (T0.AddSeconds(5), 22501.0) }).OnSecondAxis("in/s")
            .Marker(T0.AddSeconds(3), "killed index.fcgi (pid 45594)")
            .Annotate(T0.AddSeconds(5), 999816, "drop of 596 MB")
            .XAxis("JST").YAxis("KB");
        Assert.Equal(
            "Free memory (KB)\n" +
            "x (time): JST; y: KB; right y: in/s\n" +
            "- web01 (line, 4 points): x 2019-06-14 00:01:40 .. 2019-06-14 00:01:55, y min 999816 max 1595940 last 1000000, 1 gaps\n" +
            "- requests (bar, right axis, 2 points): x 2019-06-14 00:01:40 .. 2019-06-14 00:01:45, y min 21715 max 22501 last 22501\n" +
            "markers:\n" +
            "  2019-06-14 00:01:43 killed index.fcgi (pid 45594)\n" +
            "annotations:\n" +
            "  2019-06-14 00:01:45, 999816 drop of 596 MB",
            chart.ToText());
        Assert.Equal(chart.ToText(), chart.ToMimeBundle().PlainText);
    }

    [Fact]
    public void Numeric_chart_and_empty_series_are_summarised()
    {
        var chart = new Chart().Scatter("latency", new[] { (1.0, 0.25), (2.0, 0.5) }).Line("empty", Array.Empty<ChartPoint>());
        Assert.Equal(
            "Chart\nx (number)\n- latency (scatter, 2 points): x 1 .. 2, y min 0.25 max 0.5 last 0.5\n- empty (line, 0 points)",
            chart.ToText());
    }

    [Fact]
    public void Grid_summary_numbers_each_panel()
    {
        var text = Chart.Grid(new Chart("web01").Line("free", new[] { (1.0, 1.0) }), new Chart("web02")).WithTitle("Servers").ToText();
        Assert.StartsWith("Servers (2 panels)\n[1] web01\n  x (number)\n  - free (line, 1 point)", text);
        Assert.Contains("[2] web02\n  x (number)\n  no series", text);
    }
}
