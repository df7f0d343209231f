namespace Ops.Display;

/// <summary>
/// The data ranges of a chart: x over series, markers and annotations; y per axis over finite
/// values (zero included for bars and when asked). Shared by the SVG and text renderers.
/// </summary>
internal sealed record ChartExtent(
    bool IsTime, TimeSpan Offset, double XMin, double XMax,
    (double Min, double Max)? Y1, (double Min, double Max)? Y2, bool UsesSecondAxis, double BarGap)
{
    /// <summary>
    /// Every x is a whole number (ranks, roles, categories numbered 1..n): ticks then fall on whole
    /// numbers only, never at 0.5 between two categories.
    /// </summary>
    public bool XWhole { get; init; }

    /// <summary>Every value on the left (right) axis is a whole number: counts, ranks.</summary>
    public bool Y1Whole { get; init; }

    public bool Y2Whole { get; init; }

    public static ChartExtent Of(Chart chart)
    {
        var isTime = chart.IsTimeAxis ?? false;
        var offset = FirstOffset(chart);
        // With nothing on the left axis, right-axis series are simply drawn on the left.
        var usesSecond = chart.Series.Any(s => s.OnSecondAxis && s.Points.Count > 0) && chart.Series.Any(s => !s.OnSecondAxis && s.Points.Count > 0);

        var xs = chart.Series.SelectMany(s => s.Points.Select(p => p.X.Value))
            .Concat(chart.EventMarkers.Select(m => m.At.Value))
            .Concat(chart.Annotations.Select(a => a.X.Value))
            .Where(double.IsFinite).ToList();
        double xMin = xs.Count > 0 ? xs.Min() : 0, xMax = xs.Count > 0 ? xs.Max() : 1;

        var barXs = chart.Series.Where(s => s.Kind == ChartKind.Bar).SelectMany(s => s.Points.Select(p => p.X.Value))
            .Where(double.IsFinite).Distinct().OrderBy(v => v).ToList();
        var barGap = 0.0;
        if (barXs.Count > 0)
        {
            barGap = barXs.Zip(barXs.Skip(1), (a, b) => b - a).DefaultIfEmpty(0).Min();
            if (barGap <= 0) barGap = xMax > xMin ? (xMax - xMin) / 10 : (isTime ? 60 : 1);
            // Bars are centred on their x; keep the outer halves inside the plot.
            xMin = Math.Min(xMin, barXs[0] - barGap / 2);
            xMax = Math.Max(xMax, barXs[^1] + barGap / 2);
        }
        if (xMax <= xMin)
        {
            var pad = isTime ? 60 : Math.Max(1, Math.Abs(xMin) * 0.1);
            xMin -= pad;
            xMax += pad;
        }

        (double, double)? y1 = YRange(chart, second: false, usesSecond);
        (double, double)? y2 = usesSecond ? YRange(chart, second: true, usesSecond) : null;
        return new ChartExtent(isTime, offset, xMin, xMax, y1, y2, usesSecond, barGap)
        {
            XWhole = !isTime && xs.All(IsWhole),
            Y1Whole = AxisValues(chart, second: false, usesSecond).All(IsWhole),
            Y2Whole = usesSecond && AxisValues(chart, second: true, usesSecond).All(IsWhole),
        };
    }

    private static (double, double)? YRange(Chart chart, bool second, bool usesSecond)
    {
        var ys = AxisValues(chart, second, usesSecond);
        if (chart.Series.Any(s => OnAxis(s.OnSecondAxis, second, usesSecond) && s.Kind == ChartKind.Bar) || chart.IncludeZero) ys.Add(0);
        if (ys.Count == 0) return second ? null : (0, 1);
        return (ys.Min(), ys.Max());
    }

    private static bool OnAxis(bool onSecond, bool second, bool usesSecond) => !usesSecond || onSecond == second;

    /// <summary>The finite y values of the series and annotations on one axis.</summary>
    private static List<double> AxisValues(Chart chart, bool second, bool usesSecond) =>
        chart.Series.Where(s => OnAxis(s.OnSecondAxis, second, usesSecond)).SelectMany(s => s.Points.Select(p => p.Y))
            .Concat(chart.Annotations.Where(a => OnAxis(a.OnSecondAxis, second, usesSecond)).Select(a => a.Y))
            .Where(double.IsFinite).ToList();

    private static bool IsWhole(double v) => Math.Abs(v - Math.Round(v)) < 1e-9;

    private static TimeSpan FirstOffset(Chart chart)
    {
        foreach (var s in chart.Series)
            if (s.Points.Count > 0 && s.Points[0].X.IsTime) return s.Points[0].X.Offset;
        foreach (var m in chart.EventMarkers) if (m.At.IsTime) return m.At.Offset;
        foreach (var a in chart.Annotations) if (a.X.IsTime) return a.X.Offset;
        return TimeSpan.Zero;
    }

    public static (double Min, double Max)? Union((double Min, double Max)? a, (double Min, double Max)? b) =>
        a is null ? b : b is null ? a : (Math.Min(a.Value.Min, b.Value.Min), Math.Max(a.Value.Max, b.Value.Max));
}
