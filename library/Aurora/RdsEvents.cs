using System.Globalization;
using System.Text.Json;

namespace Ops.Aurora;

/// <summary>
/// Reads <c>aws rds describe-events --source-type db-cluster --output json</c>:
/// <c>{"Events":[{"SourceIdentifier","SourceType","Message","EventCategories":[...],"Date"}]}</c>.
/// </summary>
public static class RdsEvents
{
    public static IReadOnlyList<RdsEvent> Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such events file (save `aws rds describe-events --source-type db-cluster --output json` to it)", path);
        return Parse(File.ReadAllText(path), path);
    }

    public static IReadOnlyList<RdsEvent> Parse(string json, string source = "<json>")
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new InvalidDataException($"{source}:{e.LineNumber + 1}: not JSON ({e.Message}); expected the output of `aws rds describe-events --output json`", e); }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("Events", out var events) || events.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"{source}: no \"Events\" array; expected the output of `aws rds describe-events --source-type db-cluster --output json`");
            var list = new List<RdsEvent>();
            var index = 0;
            foreach (var e in events.EnumerateArray())
            {
                var where = $"{source}: Events[{index++}]";
                if (e.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{where} is not an object");
                var date = Text(e, "Date") ?? throw new InvalidDataException($"{where} has no Date");
                if (!DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                    throw new InvalidDataException($"{where}: Date '{Short(date)}' is not an ISO 8601 time");
                var categories = e.TryGetProperty("EventCategories", out var c) && c.ValueKind == JsonValueKind.Array
                    ? c.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
                    : [];
                list.Add(new RdsEvent(at, Text(e, "SourceIdentifier") ?? "", Text(e, "Message") ?? "", categories));
            }
            return list.OrderBy(e => e.At).ToList();
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Short(string s) => s.Length <= 40 ? s : s[..37] + "...";
}
