using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// Writes JSON the way Python's json.dump (and JSON.stringify) do for the given
/// <see cref="JsonStyle"/>: numbers keep their original text, strings use the minimal escapes.
/// </summary>
internal static class JsonWriter
{
    public static string Write(JsonNode? root, JsonStyle style)
    {
        var sb = new StringBuilder(4096);
        WriteNode(sb, root, style, 0);
        if (style.TrailingNewline) sb.Append(style.NewLine);
        return sb.ToString();
    }

    private static void WriteNode(StringBuilder sb, JsonNode? node, JsonStyle style, int depth)
    {
        switch (node)
        {
            case null: sb.Append("null"); break;
            case JsonObject o: WriteObject(sb, o, style, depth); break;
            case JsonArray a: WriteArray(sb, a, style, depth); break;
            case JsonValue v: WriteValue(sb, v, style); break;
        }
    }

    private static void WriteObject(StringBuilder sb, JsonObject o, JsonStyle style, int depth)
    {
        if (o.Count == 0) { sb.Append("{}"); return; }
        IEnumerable<KeyValuePair<string, JsonNode?>> items = o;
        if (style.SortKeys) items = o.OrderBy(p => p.Key, StringComparer.Ordinal);
        sb.Append('{');
        var first = true;
        foreach (var (key, value) in items)
        {
            if (!first) sb.Append(style.Indent is null && !style.CompactSeparators ? ", " : ",");
            first = false;
            NewLine(sb, style, depth + 1);
            WriteString(sb, key, style.EnsureAscii);
            sb.Append(style.CompactSeparators ? ":" : ": ");
            WriteNode(sb, value, style, depth + 1);
        }
        NewLine(sb, style, depth);
        sb.Append('}');
    }

    private static void WriteArray(StringBuilder sb, JsonArray a, JsonStyle style, int depth)
    {
        if (a.Count == 0) { sb.Append("[]"); return; }
        sb.Append('[');
        for (var i = 0; i < a.Count; i++)
        {
            if (i > 0) sb.Append(style.Indent is null && !style.CompactSeparators ? ", " : ",");
            NewLine(sb, style, depth + 1);
            WriteNode(sb, a[i], style, depth + 1);
        }
        NewLine(sb, style, depth);
        sb.Append(']');
    }

    private static void NewLine(StringBuilder sb, JsonStyle style, int depth)
    {
        if (style.Indent is not { } indent) return;
        sb.Append(style.NewLine).Append(' ', indent * depth);
    }

    private static void WriteValue(StringBuilder sb, JsonValue v, JsonStyle style)
    {
        if (v.TryGetValue<JsonElement>(out var e))
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String: WriteString(sb, e.GetString()!, style.EnsureAscii); return;
                case JsonValueKind.Number: sb.Append(e.GetRawText()); return;
                case JsonValueKind.True: sb.Append("true"); return;
                case JsonValueKind.False: sb.Append("false"); return;
                case JsonValueKind.Null: sb.Append("null"); return;
                default: WriteNode(sb, JsonNode.Parse(e.GetRawText()), style, 0); return;
            }
        }
        if (v.TryGetValue<string>(out var s)) { WriteString(sb, s, style.EnsureAscii); return; }
        if (v.TryGetValue<bool>(out var b)) { sb.Append(b ? "true" : "false"); return; }
        if (v.TryGetValue<int>(out var i)) { sb.Append(i.ToString(CultureInfo.InvariantCulture)); return; }
        if (v.TryGetValue<long>(out var l)) { sb.Append(l.ToString(CultureInfo.InvariantCulture)); return; }
        if (v.TryGetValue<double>(out var d)) { sb.Append(FormatDouble(d)); return; }
        if (v.TryGetValue<decimal>(out var m)) { sb.Append(m.ToString(CultureInfo.InvariantCulture)); return; }
        sb.Append(v.ToJsonString());
    }

    // Python's repr of a float: shortest round trip, always with a '.' or an exponent.
    private static string FormatDouble(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsInfinity(d)) return d > 0 ? "Infinity" : "-Infinity";
        var s = d.ToString("R", CultureInfo.InvariantCulture);
        if (s.Contains('E')) s = s.Replace("E+", "e+").Replace("E-", "e-");
        else if (!s.Contains('.')) s += ".0";
        return s;
    }

    public static void WriteString(StringBuilder sb, string s, bool ensureAscii)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || (ensureAscii && c > 0x7e)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
