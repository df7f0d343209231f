using System.Text.Json.Nodes;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// How a notebook file's JSON was laid out, so that writing it back changes nothing but what was
/// changed. Jupyter (Python nbformat) writes a 1-space indent, sorted keys, non-ASCII as is and a
/// trailing newline; VS Code keeps its own order; both are reproduced byte for byte.
/// </summary>
internal sealed record JsonStyle(int? Indent, bool SortKeys, bool EnsureAscii, bool TrailingNewline, string NewLine, bool CompactSeparators)
{
    /// <summary>What nbformat.write produces.</summary>
    public static readonly JsonStyle Jupyter = new(1, SortKeys: true, EnsureAscii: false, TrailingNewline: true, NewLine: "\n", CompactSeparators: false);

    public static JsonStyle Detect(string text, JsonNode? root)
    {
        var newLine = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        int? indent = null;
        var compact = false;
        var firstBreak = text.IndexOf('\n');
        if (firstBreak >= 0 && text.AsSpan(0, firstBreak).Trim().Length <= 1)
        {
            var n = 0;
            for (var i = firstBreak + 1; i < text.Length && text[i] == ' '; i++) n++;
            indent = n;
        }
        else
        {
            var colon = text.IndexOf("\":", StringComparison.Ordinal);
            compact = colon >= 0 && colon + 2 < text.Length && text[colon + 2] != ' ';
        }
        var ensureAscii = false;
        var hasNonAscii = false;
        foreach (var c in text) if (c > 0x7e && c != '\u007f') { hasNonAscii = true; break; }
        if (!hasNonAscii) ensureAscii = HasEscapedNonAscii(text);
        return new JsonStyle(indent, SortKeys: root is not null && AllKeysSorted(root), ensureAscii,
            TrailingNewline: text.EndsWith('\n'), newLine, compact);
    }

    private static bool HasEscapedNonAscii(string text)
    {
        for (var i = text.IndexOf("\\u", StringComparison.Ordinal); i >= 0 && i + 6 <= text.Length; i = text.IndexOf("\\u", i + 2, StringComparison.Ordinal))
        {
            // An escaped backslash followed by 'u' is not an escape: count the backslashes before.
            var slashes = 0;
            for (var j = i; j >= 0 && text[j] == '\\'; j--) slashes++;
            if (slashes % 2 == 0) continue;
            if (int.TryParse(text.AsSpan(i + 2, 4), System.Globalization.NumberStyles.HexNumber, null, out var code) && code > 0x7e) return true;
        }
        return false;
    }

    private static bool AllKeysSorted(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                string? previous = null;
                foreach (var (key, value) in o)
                {
                    if (previous is not null && string.CompareOrdinal(previous, key) > 0) return false;
                    previous = key;
                    if (value is not null && !AllKeysSorted(value)) return false;
                }
                return true;
            case JsonArray a:
                foreach (var item in a) if (item is not null && !AllKeysSorted(item)) return false;
                return true;
            default:
                return true;
        }
    }
}
