using System.Text.RegularExpressions;

namespace Ops.Display;

/// <summary>A named series of points drawn one way, on the left or (for a second unit) the right y axis.</summary>
public sealed partial class ChartSeries
{
    private string? _color;

    public ChartSeries(string name, ChartKind kind, IEnumerable<ChartPoint> points)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(points);
        Name = name;
        Kind = kind;
        Points = points.ToArray();
        var kinds = Points.Select(p => p.X.IsTime).Distinct().Count();
        if (kinds > 1)
            throw new ArgumentException($"series '{name}' mixes time and numeric x values; use one kind per series", nameof(points));
        if (Points.Select(p => p.X.IsZoned).Distinct().Count() > 1)
            throw new ArgumentException(
                $"series '{name}' mixes DateTime and DateTimeOffset x values; a DateTime has no zone, so convert it with new DateTimeOffset(time, offset)",
                nameof(points));
    }

    public string Name { get; }
    public ChartKind Kind { get; }
    public IReadOnlyList<ChartPoint> Points { get; }

    /// <summary>True when drawn against the right-hand y axis.</summary>
    public bool OnSecondAxis { get; set; }

    /// <summary>Fixed colour as <c>#rrggbb</c>; null takes the next palette colour.</summary>
    public string? Color
    {
        get => _color;
        set
        {
            // The colour lands in SVG attributes; only plain hex is allowed so it cannot inject markup.
            if (value != null && !HexColor().IsMatch(value))
                throw new ArgumentException($"series '{Name}': colour '{value}' is not of the form #rrggbb", nameof(value));
            _color = value;
        }
    }

    /// <summary>True when the x values come from DateTimeOffset; null for an empty series.</summary>
    public bool? IsZoned => Points.Count == 0 ? null : Points[0].X.IsZoned;

    /// <summary>True when the x values are times; null for an empty series.</summary>
    public bool? IsTime => Points.Count == 0 ? null : Points[0].X.IsTime;

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();
}
