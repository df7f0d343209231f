namespace Ops.Kernel.Notebooks;

/// <summary>A value given for a parameter: text from <c>-p name=value</c> or a YAML scalar, or a YAML list.</summary>
public sealed record ParameterInput(string? Text, IReadOnlyList<string>? Items, string Origin)
{
    public static ParameterInput FromText(string text, string origin) => new(text, null, origin);
    public static ParameterInput FromList(IReadOnlyList<string> items, string origin) => new(null, items, origin);

    /// <summary>The value as given, for records (lists joined with commas).</summary>
    public string Display => Text ?? string.Join(",", Items ?? []);
}
