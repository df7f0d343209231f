using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ops.Display;

/// <summary>
/// A plotly.js figure (<c>{"data": [...], "layout": {...}}</c>) for frontends that render
/// <c>application/vnd.plotly.v1+json</c> interactively. Plotly reads a subset of HTML in names and
/// titles, so user text is HTML-escaped as well as JSON-encoded. Times are written as clock strings
/// in the chart's time zone (plotly has no zones). Line, step and scatter series longer than
/// <see cref="ChartThinning.MaxPlotlyPoints"/> are thinned (keeping each bucket's extremes) so a
/// day of per-second samples does not bloat the stored notebook.
/// </summary>
internal static class PlotlyChartRenderer
{
    private sealed record Axes(string X, string Y, string Y2, string XKey, string YKey, string Y2Key);

    public static string Render(Chart chart) =>
        Write(w =>
        {
            var extent = ChartExtent.Of(chart);
            var axes = AxesFor(0);
            w.WriteStartObject();
            w.WriteStartArray("data");
            WriteTraces(w, chart, extent, axes);
            w.WriteEndArray();
            w.WriteStartObject("layout");
            if (chart.Title != null) WriteTitle(w, "title", chart.Title);
            w.WriteNumber("width", chart.Width);
            w.WriteNumber("height", chart.Height);
            WriteCommonLayout(w);
            WriteAxes(w, chart, extent, axes, xDomain: null, yDomain: null);
            WriteShapesAndAnnotations(w, chart, extent, axes, yDomain: (0, 1), panelTitle: null);
            w.WriteEndObject();
            w.WriteEndObject();
        });

    public static string Render(ChartGrid grid) =>
        Write(w =>
        {
            var extents = SvgChartRenderer.SharedExtents(grid);
            var titleShare = grid.Title != null ? 28.0 / (28 + grid.Rows * grid.PanelHeight) : 0;
            var domains = Enumerable.Range(0, grid.Panels.Count).Select(i => Domains(grid, i, titleShare)).ToArray();
            w.WriteStartObject();
            w.WriteStartArray("data");
            for (var i = 0; i < grid.Panels.Count; i++) WriteTraces(w, grid.Panels[i], extents[i], AxesFor(i), legendGroup: i);
            w.WriteEndArray();
            w.WriteStartObject("layout");
            if (grid.Title != null) WriteTitle(w, "title", grid.Title);
            w.WriteNumber("width", grid.Columns * grid.PanelWidth);
            w.WriteNumber("height", grid.Rows * grid.PanelHeight + (grid.Title != null ? 28 : 0));
            WriteCommonLayout(w);
            for (var i = 0; i < grid.Panels.Count; i++)
                WriteAxes(w, grid.Panels[i], extents[i], AxesFor(i), domains[i].X, domains[i].Y);
            w.WriteStartArray("shapes");
            for (var i = 0; i < grid.Panels.Count; i++) WriteMarkerShapes(w, grid.Panels[i], extents[i], AxesFor(i), domains[i].Y);
            w.WriteEndArray();
            w.WriteStartArray("annotations");
            for (var i = 0; i < grid.Panels.Count; i++)
                WriteAnnotationItems(w, grid.Panels[i], extents[i], AxesFor(i), domains[i].Y, grid.Panels[i].Title, domains[i].X);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        });

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) body(w);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Plotly numbers axes x, x2, ...; each panel gets one x and two y axes (left, right).</summary>
    private static Axes AxesFor(int panel)
    {
        string Name(string axis, int n) => n == 1 ? axis : axis + n.ToString(CultureInfo.InvariantCulture);
        var x = Name("x", panel + 1);
        var y = Name("y", 2 * panel + 1);
        var y2 = Name("y", 2 * panel + 2);
        return new Axes(x, y, y2, x.Replace("x", "xaxis"), y.Replace("y", "yaxis"), y2.Replace("y", "yaxis"));
    }

    private static ((double, double) X, (double, double) Y) Domains(ChartGrid grid, int i, double titleShare)
    {
        var col = i % grid.Columns;
        var row = i / grid.Columns;
        const double gap = 0.08;
        var colWidth = 1.0 / grid.Columns;
        var rowHeight = (1.0 - titleShare) / grid.Rows;
        var x0 = col * colWidth + (col > 0 ? gap / 2 : 0);
        var x1 = (col + 1) * colWidth - (col < grid.Columns - 1 ? gap / 2 : 0);
        var yTop = 1.0 - titleShare - row * rowHeight;
        var y1 = yTop - (row > 0 ? gap / 2 : 0) - 0.04; // room for the panel title
        var y0 = yTop - rowHeight + (row < grid.Rows - 1 ? gap / 2 : 0);
        return ((Round(x0), Round(x1)), (Round(y0), Round(Math.Max(y0 + 0.01, y1))));
    }

    private static double Round(double v) => Math.Round(v, 4);

    private static void WriteCommonLayout(Utf8JsonWriter w)
    {
        w.WriteString("barmode", "group");
        w.WriteBoolean("showlegend", true);
        w.WriteStartObject("legend");
        w.WriteString("orientation", "h");
        w.WriteEndObject();
    }

    private static void WriteTraces(Utf8JsonWriter w, Chart chart, ChartExtent extent, Axes axes, int? legendGroup = null)
    {
        for (var i = 0; i < chart.Series.Count; i++)
        {
            var s = chart.Series[i];
            var color = ChartPalette.For(chart, i);
            w.WriteStartObject();
            w.WriteString("type", s.Kind == ChartKind.Bar ? "bar" : "scatter");
            if (s.Kind != ChartKind.Bar) w.WriteString("mode", s.Kind == ChartKind.Scatter ? "markers" : "lines");
            w.WriteString("name", Html.Escape(s.Name));
            if (legendGroup is int g) w.WriteString("legendgroup", "panel" + g.ToString(CultureInfo.InvariantCulture));
            // Bars are not thinned: dropping one would misstate a count.
            var points = s.Kind == ChartKind.Bar ? s.Points : ChartThinning.MinMax(s.Points);
            w.WriteStartArray("x");
            foreach (var p in points) WriteX(w, p.X.Value, extent);
            w.WriteEndArray();
            w.WriteStartArray("y");
            foreach (var p in points)
                if (double.IsFinite(p.Y)) w.WriteNumberValue(p.Y); else w.WriteNullValue();
            w.WriteEndArray();
            w.WriteString("xaxis", axes.X);
            w.WriteString("yaxis", extent.UsesSecondAxis && s.OnSecondAxis ? axes.Y2 : axes.Y);
            if (s.Kind is ChartKind.Line or ChartKind.Step)
            {
                w.WriteStartObject("line");
                w.WriteString("color", color);
                if (s.Kind == ChartKind.Step) w.WriteString("shape", "hv");
                if (extent.UsesSecondAxis && s.OnSecondAxis) w.WriteString("dash", "dash");
                w.WriteEndObject();
            }
            else
            {
                w.WriteStartObject("marker");
                w.WriteString("color", color);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
    }

    private static void WriteX(Utf8JsonWriter w, double x, ChartExtent extent)
    {
        if (!double.IsFinite(x)) w.WriteNullValue();
        else if (extent.IsTime) w.WriteStringValue(PlotlyTime(x, extent.Offset));
        else w.WriteNumberValue(x);
    }

    private static string PlotlyTime(double seconds, TimeSpan offset) =>
        ChartX.ToClock(seconds, offset).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static void WriteAxes(Utf8JsonWriter w, Chart chart, ChartExtent extent, Axes axes, (double, double)? xDomain, (double, double)? yDomain)
    {
        w.WriteStartObject(axes.XKey);
        if (extent.IsTime) w.WriteString("type", "date");
        if (chart.XLabel != null) WriteTitle(w, "title", chart.XLabel);
        w.WriteString("anchor", axes.Y);
        if (xDomain is { } xd) WriteRange(w, "domain", xd);
        w.WriteStartArray("range");
        WriteX(w, extent.XMin, extent);
        WriteX(w, extent.XMax, extent);
        w.WriteEndArray();
        w.WriteEndObject();

        var yLabel = chart.YLabel ?? (extent.UsesSecondAxis ? null : chart.Y2Label);
        w.WriteStartObject(axes.YKey);
        if (yLabel != null) WriteTitle(w, "title", yLabel);
        w.WriteString("anchor", axes.X);
        if (yDomain is { } yd) WriteRange(w, "domain", yd);
        if (chart.IncludeZero) w.WriteString("rangemode", "tozero");
        w.WriteEndObject();

        if (!extent.UsesSecondAxis) return;
        w.WriteStartObject(axes.Y2Key);
        if (chart.Y2Label != null) WriteTitle(w, "title", chart.Y2Label);
        w.WriteString("overlaying", axes.Y);
        w.WriteString("side", "right");
        w.WriteString("anchor", axes.X);
        w.WriteBoolean("showgrid", false);
        if (chart.IncludeZero) w.WriteString("rangemode", "tozero");
        w.WriteEndObject();
    }

    private static void WriteShapesAndAnnotations(Utf8JsonWriter w, Chart chart, ChartExtent extent, Axes axes, (double, double) yDomain, string? panelTitle)
    {
        w.WriteStartArray("shapes");
        WriteMarkerShapes(w, chart, extent, axes, yDomain);
        w.WriteEndArray();
        w.WriteStartArray("annotations");
        WriteAnnotationItems(w, chart, extent, axes, yDomain, panelTitle, null);
        w.WriteEndArray();
    }

    private static void WriteMarkerShapes(Utf8JsonWriter w, Chart chart, ChartExtent extent, Axes axes, (double, double) yDomain)
    {
        foreach (var m in chart.EventMarkers)
        {
            w.WriteStartObject();
            w.WriteString("type", "line");
            w.WriteString("xref", axes.X);
            w.WriteString("yref", "paper");
            w.WritePropertyName("x0"); WriteX(w, m.At.Value, extent);
            w.WritePropertyName("x1"); WriteX(w, m.At.Value, extent);
            w.WriteNumber("y0", yDomain.Item1);
            w.WriteNumber("y1", yDomain.Item2);
            w.WriteStartObject("line");
            w.WriteString("color", "#444444");
            w.WriteNumber("width", 1);
            w.WriteString("dash", "dot");
            w.WriteEndObject();
            w.WriteEndObject();
        }
    }

    private static void WriteAnnotationItems(Utf8JsonWriter w, Chart chart, ChartExtent extent, Axes axes, (double, double) yDomain,
        string? panelTitle, (double, double)? xDomain)
    {
        if (panelTitle != null && xDomain is { } xd)
        {
            w.WriteStartObject();
            w.WriteString("text", "<b>" + Html.Escape(panelTitle) + "</b>");
            w.WriteString("xref", "paper");
            w.WriteString("yref", "paper");
            w.WriteNumber("x", Round((xd.Item1 + xd.Item2) / 2));
            w.WriteNumber("y", Round(yDomain.Item2 + 0.01));
            w.WriteString("xanchor", "center");
            w.WriteString("yanchor", "bottom");
            w.WriteBoolean("showarrow", false);
            w.WriteEndObject();
        }
        foreach (var m in chart.EventMarkers)
        {
            w.WriteStartObject();
            w.WriteString("text", Html.Escape(m.Label));
            w.WriteString("xref", axes.X);
            w.WriteString("yref", "paper");
            w.WritePropertyName("x"); WriteX(w, m.At.Value, extent);
            w.WriteNumber("y", yDomain.Item2);
            w.WriteString("xanchor", "left");
            w.WriteString("yanchor", "top");
            w.WriteBoolean("showarrow", false);
            w.WriteStartObject("font");
            w.WriteNumber("size", 10);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        foreach (var a in chart.Annotations)
        {
            w.WriteStartObject();
            w.WriteString("text", Html.Escape(a.Text));
            w.WriteString("xref", axes.X);
            w.WriteString("yref", extent.UsesSecondAxis && a.OnSecondAxis ? axes.Y2 : axes.Y);
            w.WritePropertyName("x"); WriteX(w, a.X.Value, extent);
            if (double.IsFinite(a.Y)) w.WriteNumber("y", a.Y); else w.WriteNull("y");
            w.WriteBoolean("showarrow", true);
            w.WriteNumber("arrowhead", 0);
            w.WriteEndObject();
        }
    }

    private static void WriteTitle(Utf8JsonWriter w, string property, string text)
    {
        w.WriteStartObject(property);
        w.WriteString("text", Html.Escape(text));
        w.WriteEndObject();
    }

    private static void WriteRange(Utf8JsonWriter w, string property, (double, double) range)
    {
        w.WriteStartArray(property);
        w.WriteNumberValue(range.Item1);
        w.WriteNumberValue(range.Item2);
        w.WriteEndArray();
    }
}
