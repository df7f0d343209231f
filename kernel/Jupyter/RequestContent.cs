using System.Text.Json.Nodes;

namespace Ops.Kernel.Jupyter;

/// <summary>Reading fields of a request's content (absent or mistyped fields get the default) and the error content.</summary>
internal static class RequestContent
{
    public static bool Bool(JsonObject o, string name, bool fallback) =>
        o[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : fallback;

    public static int? Int(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    public static string Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    /// <summary>An error reply's content (ename, evalue, traceback; status unless it is the iopub error message).</summary>
    public static JsonObject Error(string name, string message, IReadOnlyList<string> traceback, bool includeStatus = true)
    {
        var content = new JsonObject
        {
            ["ename"] = name,
            ["evalue"] = message,
            ["traceback"] = new JsonArray([.. traceback.Select(t => (JsonNode?)JsonValue.Create(t))]),
        };
        if (includeStatus) content["status"] = "error";
        return content;
    }
}
