using System.Globalization;
using System.Text;

namespace Ops.Display;

/// <summary>
/// The plain-text face of a chart, for the REPL, <c>jupyter console</c> and diffs of stored
/// outputs: title, axes, each series with its point count, x range and y min/max/last, then
/// every marker and annotation.
/// </summary>
internal static class ChartTextSummary
{
    public static string Of(Chart chart)
    {
        var sb = new StringBuilder();
        Append(sb, chart, ChartExtent.Of(chart), "");
        return sb.ToString().TrimEnd('\n');
    }

    public static string Of(ChartGrid grid)
    {
        var sb = new StringBuilder();
        sb.Append(grid.Title ?? "Charts").Append(" (").Append(N(grid.Panels.Count)).Append(" panels)\n");
        var extents = SvgChartRenderer.SharedExtents(grid);
        for (var i = 0; i < grid.Panels.Count; i++)
        {
            sb.Append("[").Append(N(i + 1)).Append("] ");
            Append(sb, grid.Panels[i], extents[i], "  ");
        }
        return sb.ToString().TrimEnd('\n');
    }

    private static void Append(StringBuilder sb, Chart chart, ChartExtent extent, string indent)
    {
        sb.Append(chart.Title ?? "Chart").Append('\n');
        var axes = new List<string> { "x (" + (extent.IsTime ? "time" : "number") + ")" + (chart.XLabel != null ? ": " + chart.XLabel : "") };
        if (chart.YLabel != null) axes.Add("y: " + chart.YLabel);
        if (chart.Y2Label != null && extent.UsesSecondAxis) axes.Add("right y: " + chart.Y2Label);
        sb.Append(indent).Append(string.Join("; ", axes)).Append('\n');

        if (chart.Series.Count == 0) sb.Append(indent).Append("no series\n");
        foreach (var s in chart.Series)
        {
            sb.Append(indent).Append("- ").Append(s.Name).Append(" (").Append(s.Kind.ToString().ToLowerInvariant());
            if (extent.UsesSecondAxis && s.OnSecondAxis) sb.Append(", right axis");
            sb.Append(", ").Append(N(s.Points.Count)).Append(s.Points.Count == 1 ? " point)" : " points)");
            var finite = s.Points.Where(p => double.IsFinite(p.Y) && double.IsFinite(p.X.Value)).ToList();
            if (finite.Count > 0)
            {
                var xMin = finite.Min(p => p.X.Value);
                var xMax = finite.Max(p => p.X.Value);
                sb.Append(": x ").Append(X(xMin, extent)).Append(" .. ").Append(X(xMax, extent))
                  .Append(", y min ").Append(Y(finite.Min(p => p.Y)))
                  .Append(" max ").Append(Y(finite.Max(p => p.Y)))
                  .Append(" last ").Append(Y(finite[^1].Y));
                var gaps = s.Points.Count - finite.Count;
                if (gaps > 0) sb.Append(", ").Append(N(gaps)).Append(" gaps");
            }
            sb.Append('\n');
        }
        if (chart.EventMarkers.Count > 0)
        {
            sb.Append(indent).Append("markers:\n");
            foreach (var m in chart.EventMarkers.OrderBy(m => m.At.Value))
                sb.Append(indent).Append("  ").Append(X(m.At.Value, extent)).Append(' ').Append(m.Label).Append('\n');
        }
        if (chart.Annotations.Count > 0)
        {
            sb.Append(indent).Append("annotations:\n");
            foreach (var a in chart.Annotations)
                sb.Append(indent).Append("  ").Append(X(a.X.Value, extent)).Append(", ").Append(Y(a.Y))
                  .Append(a.OnSecondAxis && extent.UsesSecondAxis ? " (right axis)" : "").Append(' ').Append(a.Text).Append('\n');
        }
    }

    private static string X(double v, ChartExtent extent) => AxisTicks.FormatX(v, extent.IsTime, extent.Offset);

    /// <summary>Up to four significant decimals: enough to compare, short enough to read.</summary>
    private static string Y(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);

    private static string N(int v) => v.ToString(CultureInfo.InvariantCulture);
}
