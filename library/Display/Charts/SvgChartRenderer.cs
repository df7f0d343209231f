using System.Globalization;
using System.Text;

namespace Ops.Display;

/// <summary>
/// Draws charts as standalone SVG: no scripts, event handlers, external fonts or links, every text
/// escaped, numbers in invariant culture, so the same chart gives the same bytes and a shared
/// notebook shows it anywhere. Long series are thinned to the minimum and maximum per pixel
/// column, which keeps short spikes and drops visible.
/// </summary>
internal static class SvgChartRenderer
{
    private const double CharWidth = 6.2;     // average glyph width at font-size 11
    private const double SmallCharWidth = 5.6; // at font-size 10
    private const string TextColor = "#222222";

    /// <summary>
    /// Latin text in the viewer's sans-serif; Japanese (and other CJK) labels from log lines and
    /// device names fall through to a CJK font by name, since SVG renderers that do not fall back
    /// per glyph on their own would otherwise draw empty boxes.
    /// </summary>
    internal const string FontFamily = "sans-serif, 'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Yu Gothic', Meiryo, 'Source Han Sans'";

    public static string Render(Chart chart)
    {
        var sb = new StringBuilder();
        Open(sb, chart.Width, chart.Height, chart.Title);
        Panel(sb, chart, ChartExtent.Of(chart), chart.Width, chart.Height);
        sb.Append("</svg>");
        return sb.ToString();
    }

    public static string Render(ChartGrid grid)
    {
        var extents = SharedExtents(grid);
        var titleHeight = grid.Title != null ? 28 : 0;
        var width = grid.Columns * grid.PanelWidth;
        var height = titleHeight + grid.Rows * grid.PanelHeight;
        var sb = new StringBuilder();
        Open(sb, width, height, grid.Title);
        if (grid.Title != null)
            Text(sb, width / 2.0, 19, grid.Title, "middle", " font-size=\"14\" font-weight=\"bold\"");
        for (var i = 0; i < grid.Panels.Count; i++)
        {
            var ox = i % grid.Columns * grid.PanelWidth;
            var oy = titleHeight + i / grid.Columns * grid.PanelHeight;
            sb.Append("<g transform=\"translate(").Append(ox.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(oy.ToString(CultureInfo.InvariantCulture)).Append(")\">");
            Panel(sb, grid.Panels[i], extents[i], grid.PanelWidth, grid.PanelHeight);
            sb.Append("</g>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>Panel extents with x (and optionally the left y) unified over the panels that have data.</summary>
    internal static ChartExtent[] SharedExtents(ChartGrid grid)
    {
        var extents = grid.Panels.Select(ChartExtent.Of).ToArray();
        var withData = Enumerable.Range(0, extents.Length).Where(i => HasData(grid.Panels[i])).ToArray();
        if (withData.Length == 0) return extents;
        var xMin = withData.Min(i => extents[i].XMin);
        var xMax = withData.Max(i => extents[i].XMax);
        var y1 = withData.Select(i => extents[i].Y1).Aggregate(ChartExtent.Union);
        return extents.Select((e, i) => e with
        {
            XMin = grid.ShareX ? xMin : e.XMin,
            XMax = grid.ShareX ? xMax : e.XMax,
            Y1 = grid.ShareY && withData.Contains(i) ? y1 : e.Y1,
        }).ToArray();
    }

    private static bool HasData(Chart chart) =>
        chart.Series.Any(s => s.Points.Count > 0) || chart.EventMarkers.Count > 0 || chart.Annotations.Count > 0;

    private static void Open(StringBuilder sb, int width, int height, string? title)
    {
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(N(width)).Append("\" height=\"").Append(N(height))
          .Append("\" viewBox=\"0 0 ").Append(N(width)).Append(' ').Append(N(height))
          .Append("\" font-family=\"").Append(FontFamily).Append("\" font-size=\"11\" role=\"img\">");
        if (title != null) sb.Append("<title>").Append(Html.Escape(title)).Append("</title>");
    }

    private static void Panel(StringBuilder sb, Chart chart, ChartExtent extent, int width, int height)
    {
        sb.Append("<rect width=\"").Append(N(width)).Append("\" height=\"").Append(N(height)).Append("\" fill=\"#ffffff\"/>");
        var top = chart.Title != null ? 26.0 : 10.0;
        if (chart.Title != null) Text(sb, width / 2.0, 17, chart.Title, "middle", " font-size=\"13\" font-weight=\"bold\"");

        var yTarget = Math.Max(2, (height - 90) / 45);
        var (y1Min, y1Max, y1Ticks) = AxisTicks.Numeric(extent.Y1?.Min ?? 0, extent.Y1?.Max ?? 1, yTarget, extent.Y1Whole);
        var y2Axis = extent.Y2 is { } r2 ? AxisTicks.Numeric(r2.Min, r2.Max, yTarget, extent.Y2Whole) : ((double, double, AxisTick[])?)null;
        var yLabel = chart.YLabel ?? (extent.UsesSecondAxis ? null : chart.Y2Label);

        var left = Math.Max(36, y1Ticks.Max(t => TextWidth.Of(t.Label)) * CharWidth + 12) + (yLabel != null ? 16 : 0);
        var right = y2Axis is { } a2 ? a2.Item3.Max(t => TextWidth.Of(t.Label)) * CharWidth + 12 + (chart.Y2Label != null ? 16 : 0) : 24;
        var legend = LegendLayout(chart, extent, width);
        var legendRows = legend.Count == 0 ? 0 : legend.Max(l => l.Row) + 1;
        var bottom = 22 + (chart.XLabel != null ? 16 : 0) + legendRows * 16 + 4;

        var plot = new PlotArea(left, Math.Max(left + 20, width - right), top, Math.Max(top + 20, height - bottom),
            extent.XMin, extent.XMax, y1Min, y1Max);
        var plot2 = y2Axis is { } b2 ? plot with { YMin = b2.Item1, YMax = b2.Item2 } : plot;

        // Grid lines and left axis.
        foreach (var t in y1Ticks)
        {
            var y = plot.Y(t.Value);
            Line(sb, plot.Left, y, plot.Right, y, "#e6e6e6");
            Text(sb, plot.Left - 6, y + 4, t.Label, "end", "");
        }
        if (y2Axis is { } c2)
            foreach (var t in c2.Item3) Text(sb, plot.Right + 6, plot2.Y(t.Value) + 4, t.Label, "start", "");

        var xTarget = Math.Max(2, (int)((plot.Right - plot.Left) / 70));
        var xTicks = extent.IsTime
            ? AxisTicks.Time(extent.XMin, extent.XMax, xTarget, extent.Offset)
            : AxisTicks.NumericInside(extent.XMin, extent.XMax, xTarget, extent.XWhole);
        foreach (var t in xTicks)
        {
            var x = plot.X(t.Value);
            Line(sb, x, plot.Top, x, plot.Bottom, "#f0f0f0");
            Line(sb, x, plot.Bottom, x, plot.Bottom + 4, "#999999");
            // Keep edge labels inside the panel (a date-stamped first tick is wider than the margin).
            var half = TextWidth.Of(t.Label) * CharWidth / 2;
            Text(sb, Math.Clamp(x, half + 2, Math.Max(half + 2, width - half - 2)), plot.Bottom + 16, t.Label, "middle", "");
        }
        Line(sb, plot.Left, plot.Bottom, plot.Right, plot.Bottom, "#999999");
        Line(sb, plot.Left, plot.Top, plot.Left, plot.Bottom, "#999999");
        if (y2Axis != null) Line(sb, plot.Right, plot.Top, plot.Right, plot.Bottom, "#999999");

        if (chart.XLabel != null) Text(sb, (plot.Left + plot.Right) / 2, plot.Bottom + 32, chart.XLabel, "middle", "");
        var middleY = (plot.Top + plot.Bottom) / 2;
        if (yLabel != null)
            sb.Append("<text transform=\"translate(12,").Append(F(middleY)).Append(") rotate(-90)\" text-anchor=\"middle\" fill=\"")
              .Append(TextColor).Append("\">").Append(Html.Escape(yLabel)).Append("</text>");
        if (chart.Y2Label != null && y2Axis != null)
            sb.Append("<text transform=\"translate(").Append(F(width - 12)).Append(',').Append(F(middleY))
              .Append(") rotate(90)\" text-anchor=\"middle\" fill=\"").Append(TextColor).Append("\">")
              .Append(Html.Escape(chart.Y2Label)).Append("</text>");

        // Data: bars behind lines, points on top.
        DrawBars(sb, chart, extent, plot, plot2);
        for (var i = 0; i < chart.Series.Count; i++)
        {
            var s = chart.Series[i];
            var p = extent.UsesSecondAxis && s.OnSecondAxis ? plot2 : plot;
            var dashed = extent.UsesSecondAxis && s.OnSecondAxis;
            if (s.Kind is ChartKind.Line or ChartKind.Step) DrawLine(sb, s, p, ChartPalette.For(chart, i), dashed);
            else if (s.Kind == ChartKind.Scatter) DrawScatter(sb, s, p, ChartPalette.For(chart, i));
        }

        DrawMarkers(sb, chart, plot);
        foreach (var a in chart.Annotations)
        {
            var p = extent.UsesSecondAxis && a.OnSecondAxis ? plot2 : plot;
            if (!double.IsFinite(a.X.Value) || !double.IsFinite(a.Y)) continue;
            var (x, y) = (p.X(a.X.Value), p.Y(a.Y));
            sb.Append("<circle cx=\"").Append(F(x)).Append("\" cy=\"").Append(F(y)).Append("\" r=\"3\" fill=\"").Append(TextColor).Append("\"/>");
            var rightHalf = x > (plot.Left + plot.Right) / 2;
            Text(sb, rightHalf ? x - 5 : x + 5, y - 5, a.Text, rightHalf ? "end" : "start", " font-size=\"10\"");
        }

        if (!chart.Series.Any(s => s.Points.Any(pt => double.IsFinite(pt.Y))))
            Text(sb, (plot.Left + plot.Right) / 2, middleY, "no data", "middle", " fill-opacity=\"0.6\"");

        var legendTop = height - legendRows * 16 - 2;
        foreach (var item in legend) DrawLegendItem(sb, item, legendTop + item.Row * 16);
    }

    internal sealed record PlotArea(double Left, double Right, double Top, double Bottom, double XMin, double XMax, double YMin, double YMax)
    {
        public double X(double v) => Left + (v - XMin) / (XMax - XMin) * (Right - Left);
        public double Y(double v) => YMax <= YMin ? (Top + Bottom) / 2 : Bottom - (v - YMin) / (YMax - YMin) * (Bottom - Top);
    }

    private static void DrawLine(StringBuilder sb, ChartSeries s, PlotArea p, string color, bool dashed)
    {
        var path = new StringBuilder();
        var step = s.Kind == ChartKind.Step;
        foreach (var run in Runs(s.Points, p))
        {
            for (var i = 0; i < run.Count; i++)
            {
                var (x, y) = run[i];
                if (i == 0) path.Append('M').Append(F(x)).Append(',').Append(F(y));
                else if (step) path.Append('H').Append(F(x)).Append('V').Append(F(y));
                else path.Append('L').Append(F(x)).Append(',').Append(F(y));
            }
            // A lone sample still shows as a dot.
            if (run.Count == 1) path.Append('h').Append("0.01");
        }
        if (path.Length == 0) return;
        sb.Append("<path d=\"").Append(path).Append("\" fill=\"none\" stroke=\"").Append(color)
          .Append("\" stroke-width=\"1.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\"");
        if (dashed) sb.Append(" stroke-dasharray=\"6 3\"");
        sb.Append("/>");
    }

    /// <summary>
    /// Pixel positions of a series split at gaps (non-finite y). When points are ordered by x and
    /// more numerous than pixels, each pixel column keeps its first, lowest, highest and last sample.
    /// </summary>
    internal static List<List<(double X, double Y)>> Runs(IReadOnlyList<ChartPoint> points, PlotArea p)
    {
        var runs = new List<List<(double, double)>>();
        var sorted = true;
        for (var i = 1; i < points.Count && sorted; i++) sorted = points[i].X.Value >= points[i - 1].X.Value;
        var thin = sorted && points.Count > 4 * (p.Right - p.Left);

        List<(double, double)>? run = null;
        var bucket = new List<(double X, double Y)>();
        var bucketColumn = long.MinValue;
        void Flush()
        {
            if (bucket.Count == 0) return;
            if (bucket.Count <= 4) run!.AddRange(bucket);
            else
            {
                var lo = bucket.MinBy(b => -b.Y); // highest value = lowest pixel y
                var hi = bucket.MinBy(b => b.Y);
                var first = bucket[0];
                var last = bucket[^1];
                var keep = new List<(double X, double Y)> { first };
                foreach (var b in bucket.IndexOf(lo) < bucket.IndexOf(hi) ? new[] { lo, hi } : new[] { hi, lo })
                    if (!keep.Contains(b)) keep.Add(b);
                if (!keep.Contains(last)) keep.Add(last);
                run!.AddRange(keep);
            }
            bucket.Clear();
        }
        foreach (var point in points)
        {
            if (!double.IsFinite(point.Y) || !double.IsFinite(point.X.Value))
            {
                Flush();
                run = null;
                continue;
            }
            if (run == null) { run = new List<(double, double)>(); runs.Add(run); }
            var xy = (p.X(point.X.Value), p.Y(point.Y));
            if (!thin) { run.Add(xy); continue; }
            var column = (long)Math.Floor(xy.Item1);
            if (column != bucketColumn) { Flush(); bucketColumn = column; }
            bucket.Add(xy);
        }
        Flush();
        return runs;
    }

    private static void DrawScatter(StringBuilder sb, ChartSeries s, PlotArea p, string color)
    {
        sb.Append("<g fill=\"").Append(color).Append("\">");
        var drawn = new HashSet<(long, long)>();
        foreach (var pt in s.Points)
        {
            if (!double.IsFinite(pt.Y) || !double.IsFinite(pt.X.Value)) continue;
            var (x, y) = (p.X(pt.X.Value), p.Y(pt.Y));
            // Points on the same pixel add bytes, not information.
            if (!drawn.Add(((long)Math.Round(x), (long)Math.Round(y)))) continue;
            sb.Append("<circle cx=\"").Append(F(x)).Append("\" cy=\"").Append(F(y)).Append("\" r=\"2.5\"/>");
        }
        sb.Append("</g>");
    }

    private static void DrawBars(StringBuilder sb, Chart chart, ChartExtent extent, PlotArea plot, PlotArea plot2)
    {
        var bars = Enumerable.Range(0, chart.Series.Count).Where(i => chart.Series[i].Kind == ChartKind.Bar).ToList();
        if (bars.Count == 0) return;
        var groupWidth = Math.Max(1, extent.BarGap / (extent.XMax - extent.XMin) * (plot.Right - plot.Left) * 0.8);
        var barWidth = groupWidth / bars.Count;
        for (var k = 0; k < bars.Count; k++)
        {
            var s = chart.Series[bars[k]];
            var second = extent.UsesSecondAxis && s.OnSecondAxis;
            var p = second ? plot2 : plot;
            var baseline = p.Y(Math.Clamp(0, p.YMin, p.YMax));
            sb.Append("<g fill=\"").Append(ChartPalette.For(chart, bars[k])).Append("\" fill-opacity=\"").Append(second ? "0.45" : "0.85").Append("\">");
            foreach (var pt in s.Points)
            {
                if (!double.IsFinite(pt.Y) || !double.IsFinite(pt.X.Value)) continue;
                var x = p.X(pt.X.Value) - groupWidth / 2 + k * barWidth;
                var y = p.Y(pt.Y);
                sb.Append("<rect x=\"").Append(F(x)).Append("\" y=\"").Append(F(Math.Min(y, baseline)))
                  .Append("\" width=\"").Append(F(barWidth)).Append("\" height=\"").Append(F(Math.Abs(baseline - y))).Append("\"/>");
            }
            sb.Append("</g>");
        }
    }

    private static void DrawMarkers(StringBuilder sb, Chart chart, PlotArea plot)
    {
        // Labels go in up to three rows under the top edge; a label that fits in none is left out
        // of the picture (the text summary and the plotly figure list every marker).
        var rowEnds = new[] { double.MinValue, double.MinValue, double.MinValue };
        var rowStarts = new[] { double.MaxValue, double.MaxValue, double.MaxValue };
        foreach (var m in chart.EventMarkers.OrderBy(m => m.At.Value))
        {
            if (!double.IsFinite(m.At.Value)) continue;
            var x = plot.X(m.At.Value);
            sb.Append("<line x1=\"").Append(F(x)).Append("\" y1=\"").Append(F(plot.Top)).Append("\" x2=\"").Append(F(x))
              .Append("\" y2=\"").Append(F(plot.Bottom)).Append("\" stroke=\"#444444\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>");
            var labelWidth = TextWidth.Of(m.Label) * SmallCharWidth;
            var rightHalf = x > (plot.Left + plot.Right) / 2;
            var (from, to) = rightHalf ? (x - 3 - labelWidth, x - 3) : (x + 3, x + 3 + labelWidth);
            for (var row = 0; row < rowEnds.Length; row++)
            {
                if (from < rowEnds[row] + 4 && to > rowStarts[row] - 4) continue;
                rowStarts[row] = Math.Min(rowStarts[row], from);
                rowEnds[row] = Math.Max(rowEnds[row], to);
                Text(sb, rightHalf ? x - 3 : x + 3, plot.Top + 11 + row * 11, m.Label, rightHalf ? "end" : "start",
                    " font-size=\"10\" fill-opacity=\"0.85\"");
                break;
            }
        }
    }

    internal sealed record LegendItem(int Row, double X, string Label, string Color, ChartKind Kind, bool Dashed);

    private static List<LegendItem> LegendLayout(Chart chart, ChartExtent extent, int width)
    {
        var items = new List<LegendItem>();
        if (chart.Series.Count == 0 || (chart.Series.Count == 1 && chart.Title == chart.Series[0].Name)) return items;
        double x = 10;
        var row = 0;
        for (var i = 0; i < chart.Series.Count; i++)
        {
            var s = chart.Series[i];
            var second = extent.UsesSecondAxis && s.OnSecondAxis;
            var label = second ? s.Name + " (right)" : s.Name;
            var itemWidth = 24 + TextWidth.Of(label) * CharWidth + 14;
            if (x + itemWidth > width - 10 && x > 10) { row++; x = 10; }
            items.Add(new LegendItem(row, x, label, ChartPalette.For(chart, i), s.Kind, second));
            x += itemWidth;
        }
        return items;
    }

    private static void DrawLegendItem(StringBuilder sb, LegendItem item, double y)
    {
        var cy = y + 8;
        switch (item.Kind)
        {
            case ChartKind.Bar:
                sb.Append("<rect x=\"").Append(F(item.X + 5)).Append("\" y=\"").Append(F(cy - 5)).Append("\" width=\"10\" height=\"10\" fill=\"")
                  .Append(item.Color).Append("\" fill-opacity=\"").Append(item.Dashed ? "0.45" : "0.85").Append("\"/>");
                break;
            case ChartKind.Scatter:
                sb.Append("<circle cx=\"").Append(F(item.X + 10)).Append("\" cy=\"").Append(F(cy)).Append("\" r=\"3\" fill=\"").Append(item.Color).Append("\"/>");
                break;
            default:
                sb.Append("<line x1=\"").Append(F(item.X)).Append("\" y1=\"").Append(F(cy)).Append("\" x2=\"").Append(F(item.X + 20))
                  .Append("\" y2=\"").Append(F(cy)).Append("\" stroke=\"").Append(item.Color).Append("\" stroke-width=\"2\"");
                if (item.Dashed) sb.Append(" stroke-dasharray=\"6 3\"");
                sb.Append("/>");
                break;
        }
        Text(sb, item.X + 24, cy + 4, item.Label, "start", "");
    }

    private static void Line(StringBuilder sb, double x1, double y1, double x2, double y2, string color) =>
        sb.Append("<line x1=\"").Append(F(x1)).Append("\" y1=\"").Append(F(y1)).Append("\" x2=\"").Append(F(x2))
          .Append("\" y2=\"").Append(F(y2)).Append("\" stroke=\"").Append(color).Append("\" stroke-width=\"1\"/>");

    private static void Text(StringBuilder sb, double x, double y, string text, string anchor, string extra)
    {
        sb.Append("<text x=\"").Append(F(x)).Append("\" y=\"").Append(F(y)).Append("\" text-anchor=\"").Append(anchor)
          .Append("\" fill=\"").Append(TextColor).Append('"').Append(extra).Append('>');
        Html.AppendEscaped(sb, text);
        sb.Append("</text>");
    }

    /// <summary>Coordinates to a tenth of a pixel, invariant culture, no negative zero.</summary>
    private static string F(double v)
    {
        var rounded = Math.Round(v, 1);
        if (rounded == 0) rounded = 0;
        return rounded.ToString("0.#", CultureInfo.InvariantCulture);
    }

    private static string N(int v) => v.ToString(CultureInfo.InvariantCulture);
}
