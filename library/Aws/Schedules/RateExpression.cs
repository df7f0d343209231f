using System.Globalization;
using System.Text.RegularExpressions;

namespace Ops.Aws.Schedules;

/// <summary>
/// <c>rate(value unit)</c>: fires every value minutes, hours or days counted from when the rule is
/// created (AWS gives no anchor), so firings are computed from a start the caller supplies.
/// </summary>
public sealed partial class RateExpression : ScheduleExpression
{
    private RateExpression(int value, string unit, TimeSpan interval)
    {
        Value = value;
        Unit = unit;
        Interval = interval;
    }

    public int Value { get; }
    public string Unit { get; }
    public TimeSpan Interval { get; }

    [GeneratedRegex(@"^rate\(\s*(\S+)\s+(\S+)\s*\)$")]
    private static partial Regex Shape();

    public static new RateExpression Parse(string text)
    {
        var m = Shape().Match(text.Trim());
        if (!m.Success) throw new FormatException($"rate expression '{text}' must look like rate(5 minutes)");
        if (!int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
            throw new FormatException($"rate value '{m.Groups[1].Value}' in '{text}' must be a positive whole number");
        var unit = m.Groups[2].Value;
        var singular = unit.TrimEnd('s');
        TimeSpan one = singular switch
        {
            "minute" => TimeSpan.FromMinutes(1),
            "hour" => TimeSpan.FromHours(1),
            "day" => TimeSpan.FromDays(1),
            _ => throw new FormatException($"rate unit '{unit}' in '{text}' must be minute(s), hour(s) or day(s)"),
        };
        // AWS rejects rate(1 minutes) and rate(5 minute).
        if (value == 1 && unit != singular) throw new FormatException($"rate unit '{unit}' in '{text}': a value of 1 takes the singular unit ({singular})");
        if (value > 1 && unit == singular) throw new FormatException($"rate unit '{unit}' in '{text}': a value above 1 takes the plural unit ({singular}s)");
        return new RateExpression(value, unit, one * value);
    }

    /// <summary>Firings counted from <paramref name="after"/> (taken as the rule's creation time).</summary>
    public override IReadOnlyList<DateTimeOffset> NextFirings(DateTimeOffset after, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Enumerable.Range(1, count).Select(i => after.ToUniversalTime() + Interval * i).ToList();
    }

    public override string ToString() => $"rate({Value.ToString(CultureInfo.InvariantCulture)} {Unit})";
}
