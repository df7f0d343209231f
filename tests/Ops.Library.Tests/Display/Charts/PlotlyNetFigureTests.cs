using Ops.Display;

namespace Ops.Tests.Display;

/// <summary>Plotly figures (as Plotly.NET writes them) turned into the ops bundle, without Plotly.NET.</summary>
public class PlotlyNetFigureTests
{
    private static MimeBundle Figure(string traces, string layout = "{}") =>
        PlotlyNetFigure.FromFigureJson($"{{\"data\":[{traces}],\"layout\":{layout}}}");

    [Fact]
    public void Markers_become_a_scatter_series_and_lines_a_line_series()
    {
        var bundle = Figure(
            "{\"type\":\"scatter\",\"name\":\"p99\",\"mode\":\"markers\",\"x\":[1,2,3],\"y\":[4,5,6]}," +
            "{\"type\":\"scatter\",\"name\":\"p50\",\"mode\":\"lines+markers\",\"x\":[1,2,3],\"y\":[1,2,3]}",
            "{\"title\":{\"text\":\"Latency\"},\"yaxis\":{\"title\":{\"text\":\"ms\"}}}");
        Assert.StartsWith("Latency\n", bundle.PlainText);
        Assert.Contains("y: ms", bundle.PlainText);
        Assert.Contains("- p99 (scatter, 3 points): x 1 .. 3, y min 4 max 6", bundle.PlainText);
        Assert.Contains("- p50 (line, 3 points)", bundle.PlainText);
        Assert.StartsWith("<svg", bundle[MimeTypes.Svg]);
        Assert.Contains("\"name\":\"p99\"", bundle[MimeTypes.Plotly]);
    }

    [Fact]
    public void Date_strings_on_x_make_a_time_axis()
    {
        var bundle = Figure("{\"type\":\"scatter\",\"mode\":\"lines\",\"x\":[\"2019-06-14 23:40:01\",\"2019-06-14 23:41:01\"],\"y\":[10,20]}");
        Assert.Contains("x (time)", bundle.PlainText);
        Assert.Contains("- trace 1 (line, 2 points)", bundle.PlainText);
    }

    [Fact]
    public void Bar_categories_are_numbered_and_labelled()
    {
        var bundle = Figure("{\"type\":\"bar\",\"name\":\"clients\",\"x\":[\"ap1\",\"ap2\",\"ap3\"],\"y\":[3,null,7]}");
        // The null bar is dropped with its label; the others keep theirs.
        Assert.Contains("- clients (bar, 2 points)", bundle.PlainText);
        Assert.Contains("clients: x 1..2 are ap1, ap3", bundle.PlainText);
        Assert.Contains(">ap3<", bundle[MimeTypes.Svg]);
        Assert.DoesNotContain(">ap2<", bundle[MimeTypes.Svg]);
    }

    [Fact]
    public void Horizontal_bars_and_unknown_kinds_are_named_in_the_text_only()
    {
        var bundle = Figure(
            "{\"type\":\"bar\",\"name\":\"h\",\"orientation\":\"h\",\"x\":[1],\"y\":[\"a\"]}," +
            "{\"type\":\"pie\",\"name\":\"share\",\"values\":[1,2]}");
        Assert.Null(bundle.Get(MimeTypes.Svg));
        Assert.Contains("h (bar): not drawn in the SVG", bundle.PlainText);
        Assert.Contains("share (pie): not drawn in the SVG", bundle.PlainText);
        Assert.Contains("\"type\":\"pie\"", bundle[MimeTypes.Plotly]);
    }

    [Fact]
    public void A_drawable_trace_beside_an_unknown_one_still_gets_its_svg()
    {
        var bundle = Figure("{\"type\":\"pie\",\"name\":\"share\",\"values\":[1]},{\"type\":\"bar\",\"name\":\"n\",\"x\":[1,2],\"y\":[1,2]}");
        Assert.StartsWith("<svg", bundle[MimeTypes.Svg]);
        Assert.Contains("share (pie): not drawn in the SVG", bundle.PlainText);
    }

    [Fact]
    public void Broken_figure_json_is_reported_not_thrown()
    {
        var bundle = PlotlyNetFigure.FromFigureJson("{\"data\":[");
        Assert.StartsWith("Plotly.NET chart (unreadable figure JSON", bundle.PlainText);
        Assert.Null(bundle.Get(MimeTypes.Plotly));
    }

    [Fact]
    public void Values_that_are_not_plotly_charts_are_left_to_the_other_formatters()
    {
        Assert.Null(PlotlyNetFigure.TryFormat(new { data = 1 }));
        Assert.Equal("42", Formatter.Format(42).PlainText);
    }
}
