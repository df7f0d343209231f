using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Ops.Kernel.Jupyter;

/// <summary>
/// Inputs (and plain-text outputs) of this kernel session, for history_request: tail, range and
/// search. Only this session is kept; earlier sessions are not stored anywhere.
/// </summary>
public sealed class SessionHistory
{
    /// <summary>The number this session reports in history entries.</summary>
    public const int SessionNumber = 1;

    private readonly List<(int Line, string Input, string? Output)> _entries = [];

    public void Add(int line, string input)
    {
        lock (_entries) _entries.Add((line, input, null));
    }

    public void SetOutput(int line, string output)
    {
        lock (_entries)
        {
            var i = _entries.FindLastIndex(e => e.Line == line);
            if (i >= 0) _entries[i] = _entries[i] with { Output = output };
        }
    }

    /// <summary>Answers a history_request's content with the reply's "history" list.</summary>
    public JsonArray Query(JsonObject request)
    {
        var output = request["output"]?.GetValue<bool>() ?? false;
        var type = request["hist_access_type"]?.GetValue<string>() ?? "tail";
        List<(int Line, string Input, string? Output)> all;
        lock (_entries) all = [.. _entries];

        IEnumerable<(int Line, string Input, string? Output)> selected = type switch
        {
            "tail" => all.TakeLast(Math.Max(0, Int(request, "n") ?? 10)),
            "range" => Range(all, request),
            "search" => Search(all, request),
            _ => [],
        };
        var list = new JsonArray();
        foreach (var e in selected)
            list.Add(output
                ? new JsonArray(SessionNumber, e.Line, new JsonArray(e.Input, e.Output))
                : new JsonArray(SessionNumber, e.Line, e.Input));
        return list;
    }

    private static IEnumerable<(int, string, string?)> Range(List<(int Line, string Input, string? Output)> all, JsonObject request)
    {
        // Session 0 (or our own number) is this session; negative numbers are earlier ones we do not keep.
        var session = Int(request, "session") ?? 0;
        if (session != 0 && session != SessionNumber) return [];
        var start = Int(request, "start") ?? 1;
        var stop = Int(request, "stop");
        return all.Where(e => e.Line >= start && (stop is null || e.Line < stop));
    }

    private static IEnumerable<(int, string, string?)> Search(List<(int Line, string Input, string? Output)> all, JsonObject request)
    {
        var pattern = request["pattern"]?.GetValue<string>() ?? "*";
        var regex = new Regex("^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.Singleline);
        var found = all.Where(e => regex.IsMatch(e.Input));
        if (request["unique"]?.GetValue<bool>() == true)
            found = found.GroupBy(e => e.Input).Select(g => g.Last()).OrderBy(e => e.Line);
        var n = Int(request, "n");
        return n is > 0 ? found.TakeLast(n.Value) : found;
    }

    private static int? Int(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
}
