using System.Text;
using System.Text.Unicode;
using Ops.Display;

namespace Ops.BigQuery;

/// <summary>A text problem on one line: which field (1-based, with its header name when known) and what was found.</summary>
public sealed record HygieneFinding(string File, long Line, int Field, string Column, string Rule, string Preview, string Detail);

/// <summary>
/// Scans delimited or NDJSON text for what makes <c>bq load</c> fail or store mojibake before any
/// type is looked at: unescaped control characters (MySQL's TSV export), records split by a raw
/// tab or newline, bytes that are not UTF-8, and text that decodes as Shift_JIS (Windows-31J).
/// </summary>
public static class TextHygiene
{
    public const string ControlCharacter = "control_character";
    public const string FieldCount = "field_count_mismatch";
    public const string InvalidUtf8 = "invalid_utf8";
    public const string LikelyShiftJis = "likely_shift_jis";

    private static readonly Lazy<Encoding> WindowsJ = new(() =>
    {
        // Windows-31J (CP932) lives in System.Text.Encoding.CodePages, part of the shared framework.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    private static readonly Lazy<Encoding> WindowsJLenient = new(() =>
    {
        _ = WindowsJ.Value;
        return Encoding.GetEncoding(932, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"));
    });

    /// <summary>Windows-31J with exception fallbacks (strict).</summary>
    public static Encoding ShiftJis => WindowsJ.Value;

    /// <summary>
    /// Scans a file. The delimiter comes from the extension (.tsv tab, .csv comma, .json/.ndjson none)
    /// unless given; <paramref name="header"/> says the first line names the columns.
    /// </summary>
    public static HygieneReport Scan(string path, char? delimiter = null, bool header = true, int maxFindings = 200, CancellationToken cancellationToken = default)
    {
        var token = Cancellation.Or(cancellationToken);
        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        var ext = Path.GetExtension(name).ToLowerInvariant();
        delimiter ??= ext switch { ".tsv" or ".tab" => '\t', ".csv" => ',', _ => null };
        var report = new HygieneReport(path, delimiter);
        string[]? columns = null;
        var expectedFields = -1;
        using var stream = NdjsonFile.Open(path);
        using var lines = new LineReader(stream, 100L << 20);
        while (lines.TryReadLine(out var line, out _))
        {
            if ((lines.LineNumber & 0x3FFF) == 0) token.ThrowIfCancellationRequested();
            report.Lines++;
            var fields = delimiter is char d ? Split(line, (byte)d) : [(0, line.Length)];
            if (delimiter != null && lines.LineNumber == 1)
            {
                expectedFields = fields.Count;
                if (header)
                {
                    columns = new string[fields.Count];
                    for (var i = 0; i < fields.Count; i++) columns[i] = Encoding.UTF8.GetString(line.Slice(fields[i].Start, fields[i].Length)).Trim();
                }
            }
            string Col(int i) => columns != null && i < columns.Length ? columns[i] : "";
            if (delimiter != null && expectedFields >= 0 && fields.Count != expectedFields)
                report.Add(maxFindings, new HygieneFinding(path, lines.LineNumber, fields.Count, "", FieldCount, Excerpt.Of(line),
                    $"{fields.Count} fields where line 1 has {expectedFields}: a raw tab or newline inside a value split the record; escape it, or export as JSON, which escapes them"));
            for (var f = 0; f < fields.Count; f++)
            {
                var value = line.Slice(fields[f].Start, fields[f].Length);
                var ctl = value.IndexOfAnyInRange((byte)0, (byte)0x1F);
                if (ctl < 0 && value.IndexOf((byte)0x7F) >= 0) ctl = value.IndexOf((byte)0x7F);
                // A tab inside a CSV value is ordinary text; in NDJSON raw control characters are escaped by any JSON writer.
                while (ctl >= 0 && value[ctl] == '\t' && delimiter != '\t')
                {
                    var next = value[(ctl + 1)..].IndexOfAnyInRange((byte)0, (byte)0x1F);
                    ctl = next < 0 ? -1 : ctl + 1 + next;
                }
                if (ctl >= 0)
                    report.Add(maxFindings, new HygieneFinding(path, lines.LineNumber, f + 1, Col(f), ControlCharacter, Excerpt.Of(value),
                        $"unescaped control character 0x{value[ctl]:X2} at byte {ctl + 1} of the value; bq load rejects the row"));
                if (!Utf8.IsValid(value))
                {
                    var decoded = TryShiftJis(value);
                    if (decoded != null && ContainsJapanese(decoded))
                    {
                        report.ShiftJisLines++;
                        report.Add(maxFindings, new HygieneFinding(path, lines.LineNumber, f + 1, Col(f), LikelyShiftJis, Excerpt.Of(decoded),
                            "not UTF-8 but valid Windows-31J (Shift_JIS) Japanese text; convert (iconv -f CP932 -t UTF-8) or read the source with characterEncoding=Windows-31J"));
                    }
                    else
                        report.Add(maxFindings, new HygieneFinding(path, lines.LineNumber, f + 1, Col(f), InvalidUtf8, Excerpt.Of(value),
                            "bytes that are not UTF-8; BigQuery replaces or rejects them depending on the load's encoding"));
                }
            }
        }
        return report;
    }

    /// <summary>
    /// Decodes as Windows-31J when the bytes are valid there, or nearly so: .NET's table lacks a few
    /// vendor rows (NEC-selected IBM extensions such as 0xEEE0 for 髙) that MySQL's cp932 writes, so up
    /// to one character in three may come out as U+FFFD. Null when it does not look like Windows-31J.
    /// </summary>
    public static string? TryShiftJis(ReadOnlySpan<byte> bytes)
    {
        try { return ShiftJis.GetString(bytes); }
        catch (DecoderFallbackException) { }
        var lenient = WindowsJLenient.Value.GetString(bytes);
        var replaced = lenient.Count(c => c == '\uFFFD');
        return replaced * 3 <= lenient.Length ? lenient : null;
    }

    /// <summary>Hiragana, katakana (full and half width) or CJK ideographs.</summary>
    public static bool ContainsJapanese(string s)
    {
        foreach (var ch in s)
            if (ch is >= '\u3040' and <= '\u30FF' or >= '\u4E00' and <= '\u9FFF' or >= '\uFF61' and <= '\uFF9F') return true;
        return false;
    }

    private static List<(int Start, int Length)> Split(ReadOnlySpan<byte> line, byte delimiter)
    {
        var result = new List<(int, int)>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var b = line[i];
            if (delimiter == ',' && b == '"') quoted = !quoted;
            else if (b == delimiter && !quoted) { result.Add((start, i - start)); start = i + 1; }
        }
        result.Add((start, line.Length - start));
        return result;
    }
}

/// <summary>Findings of a <see cref="TextHygiene"/> scan, kept up to a limit and counted by rule.</summary>
public sealed class HygieneReport : IMimeRenderable
{
    internal HygieneReport(string file, char? delimiter) { File = file; Delimiter = delimiter; }

    public string File { get; }
    public char? Delimiter { get; }
    public long Lines { get; internal set; }
    public long ShiftJisLines { get; internal set; }
    public List<HygieneFinding> Findings { get; } = new();
    public Dictionary<string, long> Counts { get; } = new();
    public bool Clean => Counts.Count == 0;

    internal void Add(int max, HygieneFinding f)
    {
        Counts[f.Rule] = Counts.GetValueOrDefault(f.Rule) + 1;
        if (Findings.Count < max) Findings.Add(f);
    }

    public Table ToTable()
    {
        var t = new Table(new[] { new TableColumn("line", Alignment.Right), new TableColumn("field", Alignment.Right), new TableColumn("column"),
            new TableColumn("rule"), new TableColumn("preview") }) { Title = $"{Path.GetFileName(File)}: {Lines} lines, " +
            (Clean ? "clean" : string.Join(", ", Counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"))), MaxRows = 50 };
        foreach (var f in Findings) t.AddRow(f.Line, f.Field, f.Column, f.Rule, f.Preview);
        return t;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
    public override string ToString() => ToTable().ToPlainText();
}
