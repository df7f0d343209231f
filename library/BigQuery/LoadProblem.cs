using System.Text;

namespace Ops.BigQuery;

/// <summary>Whether a problem makes BigQuery reject the row (error) or only changes or risks the value (warning).</summary>
public enum Severity { Error, Warning }

/// <summary>One finding: where (file, 1-based line, column path), what value, which rule.</summary>
public sealed record LoadProblem(string File, long Line, string Path, string Rule, string Value, Severity Severity, string? Detail = null)
{
    public string Explanation => Detail ?? LoadRule.Explain(Rule);
    public override string ToString() =>
        $"{File}:{Line}: {(Path.Length > 0 ? Path + ": " : "")}{Rule}{(Value.Length > 0 ? " " + Value : "")} ({Explanation})";
}

/// <summary>Short, escaped excerpts of untrusted values: control characters shown as \uXXXX, long values cut.</summary>
public static class Excerpt
{
    public const int MaxChars = 60;

    public static string Of(ReadOnlySpan<byte> utf8, bool quoted = false)
    {
        var cut = utf8.Length > MaxChars * 4 ? utf8[..(MaxChars * 4)] : utf8;
        var text = Encoding.UTF8.GetString(cut); // invalid bytes become U+FFFD
        return Of(text, quoted, utf8.Length > cut.Length);
    }

    public static string Of(string text, bool quoted = false, bool alreadyCut = false)
    {
        var sb = new StringBuilder();
        if (quoted) sb.Append('"');
        var n = 0;
        foreach (var ch in text)
        {
            if (n++ >= MaxChars) { alreadyCut = true; break; }
            if (ch < 0x20 || ch == 0x7F) sb.Append(ch switch { '\t' => "\\t", '\n' => "\\n", '\r' => "\\r", _ => $"\\u{(int)ch:X4}" });
            else sb.Append(ch);
        }
        if (quoted) sb.Append('"');
        if (alreadyCut) sb.Append('…');
        return sb.ToString();
    }
}
