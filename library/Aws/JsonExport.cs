using System.Globalization;
using System.Text.Json;

namespace Ops.Aws;

/// <summary>Reads AWS CLI JSON output; errors carry the file, line and JSON path of the bad field.</summary>
internal static class JsonExport
{
    public static JsonDocument Load(string path) => Parse(File.ReadAllText(path), path);

    public static JsonDocument Parse(string json, string source)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}:{(e.LineNumber ?? 0) + 1}: not valid JSON ({e.Message.Split(" Path:")[0].Split(" LineNumber:")[0]})", e);
        }
    }

    /// <summary>The items of <paramref name="arrayName"/> when the root is an object holding it, or the root array's items.</summary>
    public static IEnumerable<(JsonElement Item, string Path)> Items(JsonElement root, string arrayName, string source)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(arrayName, out var arr) && arr.ValueKind == JsonValueKind.Array)
            return arr.EnumerateArray().Select((e, i) => (e, $"{arrayName}[{i}]"));
        if (root.ValueKind == JsonValueKind.Array)
            return root.EnumerateArray().Select((e, i) => (e, $"[{i}]"));
        throw new FormatException($"{source}: expected an object with an '{arrayName}' array (the AWS CLI output) or an array");
    }

    public static string String(JsonElement e, string name, string path, string source)
    {
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String) return v.GetString()!;
        throw new FormatException($"{source}: {path}.{name} is missing or not a string");
    }

    public static string? OptionalString(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static bool Bool(JsonElement e, string name, string path, string source)
    {
        if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v))
        {
            if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
            throw new FormatException($"{source}: {path}.{name} is {v.GetRawText()}, expected true or false");
        }
        throw new FormatException($"{source}: {path}.{name} is missing");
    }

    public static DateTimeOffset? OptionalDate(JsonElement e, string name, string path, string source)
    {
        var s = OptionalString(e, name);
        if (s == null) return null;
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)) return d;
        throw new FormatException($"{source}: {path}.{name} is '{s}', expected an ISO 8601 time");
    }
}
