using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;

namespace Ops.Kernel.Notebooks;

/// <summary>Converts given text to a parameter's declared type and writes it back as a C# literal.</summary>
public static partial class ParameterValues
{
    /// <exception cref="ParameterException">The value does not convert; the message says what was expected.</exception>
    public static object Convert(NotebookParameter parameter, ParameterInput input)
    {
        if (parameter.Type == ParameterType.StringArray)
            return input.Items?.ToArray() ?? SplitList(input.Text ?? "");
        var text = input.Text ?? throw Fail(parameter, input, "a list was given where one value is expected");
        var trimmed = text.Trim();
        switch (parameter.Type)
        {
            case ParameterType.String:
                return text;
            case ParameterType.Bool:
                return trimmed.ToLowerInvariant() switch
                {
                    "true" or "yes" or "on" or "1" => true,
                    "false" or "no" or "off" or "0" => false,
                    _ => throw Fail(parameter, input, "expected true or false"),
                };
            case ParameterType.Int:
                return int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
                    ? i : throw Fail(parameter, input, $"expected a whole number between {int.MinValue} and {int.MaxValue}");
            case ParameterType.Long:
                return long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                    ? l : throw Fail(parameter, input, "expected a whole number (64-bit)");
            case ParameterType.Double:
                return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                    ? d : throw Fail(parameter, input, "expected a number such as 0.5 or 1e-3");
            case ParameterType.DateTime:
                return DateTime.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t)
                    ? t : throw Fail(parameter, input, "expected a date and time such as 2019-06-15T00:02:25 or 2019-06-15T00:02:25Z");
            case ParameterType.TimeSpan:
                return ParseDuration(trimmed) ?? throw Fail(parameter, input, "expected a duration such as 00:05:00, 90s, 5m, 1h30m or 2d");
            default:
                throw Fail(parameter, input, "unsupported type");
        }
    }

    /// <summary>The C# expression for <paramref name="value"/> of <paramref name="type"/>.</summary>
    public static string ToCSharp(ParameterType type, object value) => type switch
    {
        ParameterType.String => Literal((string)value),
        ParameterType.Bool => (bool)value ? "true" : "false",
        ParameterType.Int => ((int)value).ToString(CultureInfo.InvariantCulture),
        ParameterType.Long => ((long)value).ToString(CultureInfo.InvariantCulture) + "L",
        ParameterType.Double => DoubleLiteral((double)value),
        ParameterType.DateTime => $"System.DateTime.Parse({Literal(((DateTime)value).ToString("O", CultureInfo.InvariantCulture))}, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind)",
        ParameterType.TimeSpan => $"System.TimeSpan.Parse({Literal(((TimeSpan)value).ToString("c", CultureInfo.InvariantCulture))}, System.Globalization.CultureInfo.InvariantCulture)",
        ParameterType.StringArray => ((string[])value).Length == 0 ? "new string[0]" : "new string[] { " + string.Join(", ", ((string[])value).Select(Literal)) + " }",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>A value as recorded in notebook metadata (JSON-friendly).</summary>
    public static object ToRecord(ParameterType type, object value) => type switch
    {
        ParameterType.DateTime => ((DateTime)value).ToString("O", CultureInfo.InvariantCulture),
        ParameterType.TimeSpan => ((TimeSpan)value).ToString("c", CultureInfo.InvariantCulture),
        _ => value,
    };

    private static string Literal(string s) => SymbolDisplay.FormatLiteral(s, quote: true);

    private static string DoubleLiteral(double d)
    {
        var s = d.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.') || s.Contains('E') ? s : s + ".0";
    }

    private static string[] SplitList(string text) =>
        text.Length == 0 ? [] : text.Split(',').Select(s => s.Trim()).ToArray();

    /// <summary>00:05:00 (TimeSpan's own format), or units: 500ms, 90s, 5m, 1h30m, 2d.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        if (text.Contains(':') && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span)) return span;
        var m = DurationUnits().Match(text);
        if (!m.Success || text.Length == 0) return null;
        var total = TimeSpan.Zero;
        foreach (Capture c in m.Groups["part"].Captures)
        {
            var unit = UnitOf().Match(c.Value);
            var n = double.Parse(unit.Groups[1].Value, CultureInfo.InvariantCulture);
            total += unit.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                "d" => TimeSpan.FromDays(n),
                _ => TimeSpan.Zero,
            };
        }
        return total;
    }

    [GeneratedRegex(@"^(?<part>\d+(?:\.\d+)?(?:ms|s|m|h|d))+$")]
    private static partial Regex DurationUnits();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(ms|s|m|h|d)$")]
    private static partial Regex UnitOf();

    private static ParameterException Fail(NotebookParameter parameter, ParameterInput input, string expected) =>
        new($"parameter {parameter.Name} ({input.Origin}): \"{(Ops.Secrets.SecretNames.LooksSecret(parameter.Name) ? "[REDACTED:parameter]" : input.Display)}\" is not a valid {parameter.TypeName}: {expected} (declared as `{parameter.Declaration}`).");
}
