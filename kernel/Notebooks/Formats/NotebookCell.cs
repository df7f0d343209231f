using System.Text;
using System.Text.Json.Nodes;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// One cell, as a view over its nbformat JSON object: everything a tool does not know about
/// (extension metadata, attachments) stays in the object untouched.
/// </summary>
public sealed class NotebookCell
{
    internal NotebookCell(JsonObject json) => Json = json;

    /// <summary>A new cell in nbformat 4.5 shape (source as a list of lines, outputs for code cells).</summary>
    public static NotebookCell Create(string cellType, string source, string id)
    {
        var json = new JsonObject { ["cell_type"] = cellType };
        if (cellType == "code") json["execution_count"] = null;
        json["id"] = id;
        json["metadata"] = new JsonObject();
        if (cellType == "code") json["outputs"] = new JsonArray();
        json["source"] = SplitLines(source);
        return new NotebookCell(json);
    }

    public JsonObject Json { get; }

    public string CellType => (string?)Json["cell_type"] ?? "";
    public bool IsCode => CellType == "code";
    public string? Id => Json["id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The source as one string (nbformat stores it as a string or a list of lines).</summary>
    public string Source
    {
        get => JoinText(Json["source"]);
        set => Json["source"] = Json["source"] is JsonValue ? JsonValue.Create(value) : SplitLines(value);
    }

    public JsonObject Metadata
    {
        get
        {
            if (Json["metadata"] is JsonObject m) return m;
            m = new JsonObject();
            Json["metadata"] = m;
            return m;
        }
    }

    public IReadOnlyList<string> Tags =>
        Json["metadata"] is JsonObject m && m["tags"] is JsonArray tags
            ? tags.Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").Where(s => s.Length > 0).ToList()
            : [];

    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    public void AddTag(string tag)
    {
        if (HasTag(tag)) return;
        if (Metadata["tags"] is not JsonArray tags) Metadata["tags"] = tags = new JsonArray();
        tags.Add(tag);
    }

    /// <summary>The outputs array of a code cell (created when missing).</summary>
    public JsonArray Outputs
    {
        get
        {
            if (Json["outputs"] is JsonArray a) return a;
            a = new JsonArray();
            Json["outputs"] = a;
            return a;
        }
    }

    public int? ExecutionCount
    {
        get => Json["execution_count"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : null;
        set => Json["execution_count"] = value is { } n ? JsonValue.Create(n) : null;
    }

    /// <summary>The first non-empty line, for progress lines and error messages.</summary>
    public string FirstLine
    {
        get
        {
            foreach (var line in Source.Split('\n'))
            {
                var t = line.Trim();
                if (t.Length > 0) return t.Length > 60 ? t[..57] + "..." : t;
            }
            return "";
        }
    }

    /// <summary>Joins nbformat multi-line text (a string or a list of strings).</summary>
    public static string JoinText(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray a => string.Concat(a.Select(x => x is JsonValue xv && xv.TryGetValue<string>(out var s) ? s : "")),
        _ => "",
    };

    /// <summary>nbformat's split_lines: a list of lines keeping their line ends.</summary>
    public static JsonArray SplitLines(string text)
    {
        var array = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            array.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) array.Add(text[start..]);
        return array;
    }

    public override string ToString()
    {
        var sb = new StringBuilder(CellType).Append(' ');
        if (Id is { } id) sb.Append(id).Append(' ');
        return sb.Append(FirstLine).ToString();
    }
}
