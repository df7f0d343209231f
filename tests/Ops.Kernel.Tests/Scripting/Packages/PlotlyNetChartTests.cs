using Ops.Display;
using Ops.Kernel.Scripting;
using Ops.Testing;

namespace Ops.Kernel.Tests.Scripting.Packages;

/// <summary>
/// Plotly.NET charts in an ops session: the package comes through the package restorer (its own temp
/// cache), and a displayed chart carries the plotly figure and an SVG drawn by the ops renderer.
/// </summary>
public class PlotlyNetChartTests(PackageCacheFixture fixture) : IClassFixture<PackageCacheFixture>
{
    [PeerFact("dotnet")]
    public async Task Scatter_and_bar_charts_show_as_plotly_figure_and_svg()
    {
        using var engine = new ScriptEngine(new EngineOptions { PackageCache = fixture.Cache });
        var restore = await engine.ExecuteAsync("#r \"nuget: Plotly.NET.CSharp, 0.14.0\"\nusing Plotly.NET.CSharp;", new RecordingHost());
        Assert.True(restore.Status == ExecutionStatus.Ok, restore.Error?.Message);

        var scatter = await Value(engine,
            "Chart.Point<int, double, string>(x: new[] { 1, 2, 3 }, y: new[] { 4.5, 5.5, 9.0 }, Name: \"latency\")");
        Assert.StartsWith("<svg", scatter[MimeTypes.Svg]);
        Assert.Contains("\"type\":\"scatter\"", scatter[MimeTypes.Plotly]);
        Assert.Contains("\"y\":[4.5,5.5,9", scatter[MimeTypes.Plotly]);
        Assert.Contains("latency (scatter, 3 points)", scatter.PlainText);

        var bar = await Value(engine,
            "Chart.Column<int, string, string>(values: new[] { 31, 7 }, Keys: new[] { \"ap-lobby\", \"ap-<floor2>\" }, Name: \"clients\")");
        Assert.StartsWith("<svg", bar[MimeTypes.Svg]);
        Assert.Contains("\"type\":\"bar\"", bar[MimeTypes.Plotly]);
        Assert.Contains("clients (bar, 2 points)", bar.PlainText);
        // Category keys label the bars, escaped like every other text in the SVG.
        Assert.Contains("ap-lobby", bar[MimeTypes.Svg]);
        Assert.Contains("ap-&lt;floor2&gt;", bar[MimeTypes.Svg]);
        Assert.DoesNotContain("<floor2>", bar[MimeTypes.Svg]);

        var pie = await Value(engine, "Chart.Pie<int, string, string>(values: new[] { 1, 2 }, Labels: new[] { \"a\", \"b\" }, Name: \"share\")");
        Assert.Null(pie.Get(MimeTypes.Svg));
        Assert.Contains("share (pie): not drawn in the SVG", pie.PlainText);
        Assert.Contains("\"type\":\"pie\"", pie[MimeTypes.Plotly]);
    }

    private static async Task<MimeBundle> Value(ScriptEngine engine, string code)
    {
        var result = await engine.ExecuteAsync(code, new RecordingHost());
        Assert.True(result.Status == ExecutionStatus.Ok, result.Error?.Message);
        return Assert.IsType<MimeBundle>(result.Value);
    }
}
