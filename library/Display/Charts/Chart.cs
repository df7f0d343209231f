namespace Ops.Display;

/// <summary>
/// A chart of one or more series against a time or numeric x axis, with optional right-hand axis,
/// event markers and annotations. Renders as self-contained SVG (shows in shared notebooks without
/// JavaScript), a plotly.js figure for interactive frontends, and a text summary.
/// <code>
/// new Chart("Free memory (MB)").Line("web01", samples, s => s.Time, s => s.FreeMb)
///     .Bar("requests/s", requests, r => r.Second, r => r.Count).OnSecondAxis("requests/s")
///     .Markers(kills, k => k.At, k => "killed " + k.Command)
/// </code>
/// </summary>
public sealed class Chart : IMimeRenderable
{
    private readonly List<ChartSeries> _series = new();
    private readonly List<ChartMarker> _markers = new();
    private readonly List<ChartAnnotation> _annotations = new();

    public Chart(string? title = null) => Title = title;

    public string? Title { get; set; }
    public string? XLabel { get; set; }
    public string? YLabel { get; set; }
    public string? Y2Label { get; set; }
    /// <summary>Pixel size of the SVG and plotly figure.</summary>
    public int Width { get; set; } = 720;
    public int Height { get; set; } = 320;
    /// <summary>Keep 0 on the y axes even when the data stays far from it.</summary>
    public bool IncludeZero { get; set; }

    public IReadOnlyList<ChartSeries> Series => _series;
    public IReadOnlyList<ChartMarker> EventMarkers => _markers;
    public IReadOnlyList<ChartAnnotation> Annotations => _annotations;

    /// <summary>True when x values are times, false when numbers, null while the chart is empty.</summary>
    public bool? IsTimeAxis =>
        _series.Select(s => s.IsTime).FirstOrDefault(t => t != null)
        ?? (_markers.Count > 0 ? _markers[0].At.IsTime : _annotations.Count > 0 ? _annotations[0].X.IsTime : null);

    // ---- series ----

    public Chart Add(ChartSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Points.Count > 0) CheckXKind(series.Points[0].X, $"series '{series.Name}'");
        _series.Add(series);
        return this;
    }

    public Chart Add(ChartKind kind, string name, IEnumerable<ChartPoint> points) => Add(new ChartSeries(name, kind, points));

    public Chart Add<T>(ChartKind kind, string name, IEnumerable<T> items, Func<T, ChartX> x, Func<T, double> y)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Add(kind, name, items.Select(i => new ChartPoint(x(i), y(i))));
    }

    public Chart Line(string name, IEnumerable<ChartPoint> points) => Add(ChartKind.Line, name, points);
    public Chart Line(string name, IEnumerable<(DateTime X, double Y)> points) => Add(ChartKind.Line, name, points, p => p.X, p => p.Y);
    public Chart Line(string name, IEnumerable<(DateTimeOffset X, double Y)> points) => Add(ChartKind.Line, name, points, p => p.X, p => p.Y);
    public Chart Line(string name, IEnumerable<(double X, double Y)> points) => Add(ChartKind.Line, name, points, p => p.X, p => p.Y);
    public Chart Line<T>(string name, IEnumerable<T> items, Func<T, ChartX> x, Func<T, double> y) => Add(ChartKind.Line, name, items, x, y);

    public Chart Step(string name, IEnumerable<ChartPoint> points) => Add(ChartKind.Step, name, points);
    public Chart Step(string name, IEnumerable<(DateTime X, double Y)> points) => Add(ChartKind.Step, name, points, p => p.X, p => p.Y);
    public Chart Step(string name, IEnumerable<(DateTimeOffset X, double Y)> points) => Add(ChartKind.Step, name, points, p => p.X, p => p.Y);
    public Chart Step(string name, IEnumerable<(double X, double Y)> points) => Add(ChartKind.Step, name, points, p => p.X, p => p.Y);
    public Chart Step<T>(string name, IEnumerable<T> items, Func<T, ChartX> x, Func<T, double> y) => Add(ChartKind.Step, name, items, x, y);

    public Chart Bar(string name, IEnumerable<ChartPoint> points) => Add(ChartKind.Bar, name, points);
    public Chart Bar(string name, IEnumerable<(DateTime X, double Y)> points) => Add(ChartKind.Bar, name, points, p => p.X, p => p.Y);
    public Chart Bar(string name, IEnumerable<(DateTimeOffset X, double Y)> points) => Add(ChartKind.Bar, name, points, p => p.X, p => p.Y);
    public Chart Bar(string name, IEnumerable<(double X, double Y)> points) => Add(ChartKind.Bar, name, points, p => p.X, p => p.Y);
    public Chart Bar<T>(string name, IEnumerable<T> items, Func<T, ChartX> x, Func<T, double> y) => Add(ChartKind.Bar, name, items, x, y);

    public Chart Scatter(string name, IEnumerable<ChartPoint> points) => Add(ChartKind.Scatter, name, points);
    public Chart Scatter(string name, IEnumerable<(DateTime X, double Y)> points) => Add(ChartKind.Scatter, name, points, p => p.X, p => p.Y);
    public Chart Scatter(string name, IEnumerable<(DateTimeOffset X, double Y)> points) => Add(ChartKind.Scatter, name, points, p => p.X, p => p.Y);
    public Chart Scatter(string name, IEnumerable<(double X, double Y)> points) => Add(ChartKind.Scatter, name, points, p => p.X, p => p.Y);
    public Chart Scatter<T>(string name, IEnumerable<T> items, Func<T, ChartX> x, Func<T, double> y) => Add(ChartKind.Scatter, name, items, x, y);

    /// <summary>Moves the series added last to the right-hand y axis (a second unit such as requests/s).</summary>
    /// <param name="axisLabel">Optional label of the right axis.</param>
    public Chart OnSecondAxis(string? axisLabel = null)
    {
        if (_series.Count == 0)
            throw new InvalidOperationException($"chart '{Title}': OnSecondAxis() moves the series added last, but no series was added yet; call Line/Step/Bar/Scatter first");
        _series[^1].OnSecondAxis = true;
        if (axisLabel != null) Y2Label = axisLabel;
        return this;
    }

    /// <summary>Gives the series added last a fixed colour (#rrggbb).</summary>
    public Chart Color(string hex)
    {
        if (_series.Count == 0)
            throw new InvalidOperationException($"chart '{Title}': Color() applies to the series added last, but no series was added yet");
        _series[^1].Color = hex;
        return this;
    }

    // ---- events and labels ----

    public Chart Marker(ChartX at, string label) => Markers(new[] { new ChartMarker(at, label) });

    public Chart Markers(IEnumerable<ChartMarker> markers)
    {
        ArgumentNullException.ThrowIfNull(markers);
        foreach (var m in markers)
        {
            CheckXKind(m.At, $"marker '{m.Label}'");
            _markers.Add(m);
        }
        return this;
    }

    public Chart Markers<T>(IEnumerable<T> items, Func<T, ChartX> at, Func<T, string> label)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Markers(items.Select(i => new ChartMarker(at(i), label(i))));
    }

    public Chart Annotate(ChartX x, double y, string text, bool onSecondAxis = false)
    {
        CheckXKind(x, $"annotation '{text}'");
        _annotations.Add(new ChartAnnotation(x, y, text, onSecondAxis));
        return this;
    }

    public Chart XAxis(string label) { XLabel = label; return this; }
    public Chart YAxis(string label) { YLabel = label; return this; }
    public Chart Y2Axis(string label) { Y2Label = label; return this; }
    public Chart Size(int width, int height)
    {
        if (width < 120 || height < 80) throw new ArgumentOutOfRangeException(nameof(width), $"chart size {width}x{height} is too small; use at least 120x80 pixels");
        Width = width;
        Height = height;
        return this;
    }
    public Chart FromZero() { IncludeZero = true; return this; }

    // ---- small multiples ----

    /// <summary>Several charts as one figure (one panel each), e.g. free memory per server.</summary>
    public static ChartGrid Grid(params Chart[] panels) => new(panels);
    public static ChartGrid Grid(IEnumerable<Chart> panels) => new(panels);

    // ---- rendering ----

    public MimeBundle ToMimeBundle() =>
        new MimeBundle(ToText()).With(MimeTypes.Svg, ToSvg()).With(MimeTypes.Plotly, ToPlotlyJson());

    public string ToSvg() => SvgChartRenderer.Render(this);
    public string ToPlotlyJson() => PlotlyChartRenderer.Render(this);
    public string ToText() => ChartTextSummary.Of(this);
    public override string ToString() => ToText();

    /// <summary>The first x value given to the chart; later ones must be of the same kind.</summary>
    internal ChartX? FirstX =>
        _series.Where(s => s.Points.Count > 0).Select(s => (ChartX?)s.Points[0].X).FirstOrDefault()
        ?? (_markers.Count > 0 ? _markers[0].At : _annotations.Count > 0 ? _annotations[0].X : null);

    private void CheckXKind(ChartX x, string what)
    {
        if (FirstX is not ChartX first) return;
        if (first.IsTime != x.IsTime)
            throw new ArgumentException(
                $"chart '{Title}': {what} has {(x.IsTime ? "time" : "numeric")} x values but the chart's x axis is {(first.IsTime ? "time" : "numeric")}; use one kind of x per chart");
        // A DateTime is a clock time without zone: placing it beside instants would silently shift it.
        if (first.IsTime && first.IsZoned != x.IsZoned)
            throw new ArgumentException(
                $"chart '{Title}': {what} has {(x.IsZoned ? "DateTimeOffset" : "DateTime")} x values but the chart already has {(first.IsZoned ? "DateTimeOffset" : "DateTime")} ones; " +
                "use one of them per chart (convert with new DateTimeOffset(time, offset) or .DateTime)");
    }
}
