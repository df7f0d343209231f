using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ops.Display;

/// <summary>
/// Plotly.NET charts (<c>Plotly.NET.GenericChart</c>) displayed in a cell, found by type name so the
/// library has no dependency on Plotly.NET. The bundle carries the figure Plotly.NET produces as
/// <c>application/vnd.plotly.v1+json</c> and a static SVG drawn by the ops renderer for the trace
/// kinds it knows (scatter with markers, lines, bars), so the chart survives GitHub, the HTML export
/// and <c>ops verify</c>; other trace kinds are named in the text.
/// </summary>
internal static class PlotlyNetFigure
{
    private const string GenericChartType = "Plotly.NET.GenericChart";
    private const int MaxTraces = 64;

    private static readonly TypeCache<MethodInfo?> ToJsonMethods = new();

    /// <summary>The bundle for a Plotly.NET chart, or null when the value is not one.</summary>
    public static MimeBundle? TryFormat(object value)
    {
        var toJson = ToJsonMethods.GetOrAdd(value.GetType(), FindToJson);
        if (toJson is null) return null;
        string json;
        try { json = (string)toJson.Invoke(null, [value])!; }
        catch (TargetInvocationException e) { return new MimeBundle($"Plotly.NET chart (its figure JSON failed: {e.InnerException?.Message})"); }
        return FromFigureJson(json);
    }

    /// <summary>Plotly.NET's <c>GenericChart.toJson</c> when the type is (or derives from) its GenericChart.</summary>
    private static MethodInfo? FindToJson(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.FullName != GenericChartType) continue;
            return t.GetMethod("toJson", BindingFlags.Public | BindingFlags.Static, [t]) is { ReturnType: var r } m && r == typeof(string) ? m : null;
        }
        return null;
    }

    /// <summary>The bundle for a plotly figure JSON document (<c>{"data": [...], "layout": {...}}</c>).</summary>
    public static MimeBundle FromFigureJson(string json)
    {
        JsonObject figure;
        try { figure = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("the figure is not a JSON object"); }
        catch (JsonException e) { return new MimeBundle($"Plotly.NET chart (unreadable figure JSON: {e.Message})"); }

        var layout = figure["layout"] as JsonObject;
        var chart = new Chart(Title(layout?["title"]));
        if (Title(layout?["xaxis"]?["title"]) is { } xLabel) chart.XAxis(xLabel);
        if (Title(layout?["yaxis"]?["title"]) is { } yLabel) chart.YAxis(yLabel);

        var notDrawn = new List<string>();
        var notes = new List<string>();
        var traces = figure["data"] as JsonArray ?? [];
        for (var i = 0; i < traces.Count; i++)
        {
            var trace = traces[i] as JsonObject;
            var kind = Text(trace?["type"]) ?? "scatter";
            var name = Text(trace?["name"]) ?? $"trace {i + 1}";
            if (i >= MaxTraces) { notDrawn.Add($"{name} ({kind}): beyond the first {MaxTraces} traces"); continue; }
            var chartKind = kind switch
            {
                "scatter" or "scattergl" => (Text(trace?["mode"]) ?? "lines") is var mode && mode.Contains("lines", StringComparison.Ordinal) ? ChartKind.Line : ChartKind.Scatter,
                "bar" when Text(trace?["orientation"]) is null or "v" => ChartKind.Bar,
                _ => (ChartKind?)null,
            };
            if (chartKind is not { } k || !TryPoints(trace!, out var points, out var categories))
            {
                notDrawn.Add($"{name} ({kind}): not drawn in the SVG; the plotly figure has it");
                continue;
            }
            chart.Add(k, name, points);
            // Category axes (bar keys): drawn at positions 1..n, each labelled on the chart.
            if (categories is null) continue;
            for (var p = 0; p < points.Count; p++) chart.Annotate(points[p].X, points[p].Y, categories[p]);
            notes.Add($"{name}: x 1..{categories.Count} are {string.Join(", ", categories.Take(20))}{(categories.Count > 20 ? ", ..." : "")}");
        }

        var text = new StringBuilder(chart.Series.Count > 0 ? chart.ToText() : $"Plotly.NET chart{(chart.Title is { } t ? " " + t : "")}");
        foreach (var line in notes.Concat(notDrawn)) text.Append('\n').Append("  - ").Append(line);
        var bundle = new MimeBundle(text.ToString());
        if (chart.Series.Count > 0) bundle.With(MimeTypes.Svg, chart.ToSvg());
        return bundle.With(MimeTypes.Plotly, figure.ToJsonString());
    }

    private static bool TryPoints(JsonObject trace, out List<ChartPoint> points, out List<string>? categories)
    {
        points = [];
        categories = null;
        if (trace["y"] is not JsonArray ys) return false;
        var xs = trace["x"] as JsonArray;
        var xValues = new List<ChartX>();
        if (xs is null) for (var i = 0; i < ys.Count; i++) xValues.Add(i);
        else if (xs.All(x => Number(x) is not null)) xValues.AddRange(xs.Select(x => (ChartX)Number(x)!.Value));
        else if (xs.All(x => Time(x) is not null)) xValues.AddRange(xs.Select(x => (ChartX)Time(x)!.Value));
        else
        {
            categories = [];
            for (var i = 0; i < xs.Count; i++) xValues.Add(i + 1);
        }
        for (var i = 0; i < Math.Min(xValues.Count, ys.Count); i++)
        {
            if (Number(ys[i]) is not { } y) continue;
            points.Add(new ChartPoint(xValues[i], y));
            categories?.Add(Text(xs![i]) ?? xs[i]?.ToJsonString() ?? "");
        }
        return points.Count > 0;
    }

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && double.IsFinite(v.GetValue<double>()) ? v.GetValue<double>() : null;

    private static DateTime? Time(JsonNode? node) =>
        Text(node) is { } s && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    // Plotly titles are a string (old style) or {"text": ...}.
    private static string? Title(JsonNode? node) => Text(node) ?? Text(node?["text"]);
}
