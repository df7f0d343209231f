namespace Ops.Display;

/// <summary>
/// Small multiples: several charts drawn as panels of one figure, in rows of <see cref="Columns"/>.
/// Panels share the x range by default so the same moment lines up across servers.
/// </summary>
public sealed class ChartGrid : IMimeRenderable
{
    public ChartGrid(IEnumerable<Chart> panels)
    {
        ArgumentNullException.ThrowIfNull(panels);
        Panels = panels.ToArray();
        if (Panels.Count == 0) throw new ArgumentException("a chart grid needs at least one panel", nameof(panels));
        if (Panels.Any(p => p is null)) throw new ArgumentException("a chart grid panel is null", nameof(panels));
        var kinds = Panels.Select(p => p.IsTimeAxis).Where(k => k != null).Distinct().Count();
        if (kinds > 1) throw new ArgumentException("chart grid mixes panels with time and numeric x axes; use one kind of x per grid", nameof(panels));
        if (Panels.Select(p => p.FirstX).Where(x => x is { IsTime: true }).Select(x => x!.Value.IsZoned).Distinct().Count() > 1)
            throw new ArgumentException("chart grid mixes panels with DateTime and DateTimeOffset x values; the panels would not line up, use one of them", nameof(panels));
        Columns = Panels.Count <= 3 ? 1 : 2;
    }

    public IReadOnlyList<Chart> Panels { get; }
    public string? Title { get; set; }
    /// <summary>Panels per row.</summary>
    public int Columns { get; set; }
    private int? _panelWidth;

    /// <summary>Pixel width of each panel: 720 in a single column, 480 side by side, unless set.</summary>
    public int PanelWidth
    {
        get => _panelWidth ?? (Columns == 1 ? 720 : 480);
        set => _panelWidth = value;
    }

    /// <summary>Pixel height of each panel.</summary>
    public int PanelHeight { get; set; } = 220;
    /// <summary>All panels use the union of their x ranges.</summary>
    public bool ShareX { get; set; } = true;
    /// <summary>All panels use the union of their left y ranges (compare levels across servers).</summary>
    public bool ShareY { get; set; }

    public int Rows => (Panels.Count + Columns - 1) / Columns;

    public ChartGrid WithTitle(string title) { Title = title; return this; }
    public ChartGrid InColumns(int columns)
    {
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), $"a chart grid needs at least one column, got {columns}");
        Columns = columns;
        return this;
    }
    public ChartGrid PanelSize(int width, int height)
    {
        if (width < 120 || height < 80) throw new ArgumentOutOfRangeException(nameof(width), $"panel size {width}x{height} is too small; use at least 120x80 pixels");
        PanelWidth = width;
        PanelHeight = height;
        return this;
    }
    public ChartGrid SharedY(bool share = true) { ShareY = share; return this; }
    public ChartGrid SharedX(bool share = true) { ShareX = share; return this; }

    public MimeBundle ToMimeBundle() =>
        new MimeBundle(ToText()).With(MimeTypes.Svg, ToSvg()).With(MimeTypes.Plotly, ToPlotlyJson());

    public string ToSvg() => SvgChartRenderer.Render(this);
    public string ToPlotlyJson() => PlotlyChartRenderer.Render(this);
    public string ToText() => ChartTextSummary.Of(this);
    public override string ToString() => ToText();
}
