using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Ops.BigQuery;

/// <summary>
/// Checks one NDJSON line against a schema with BigQuery's JSON loading rules. One instance per
/// file (not thread-safe); reuses its scratch buffers so valid rows allocate nothing.
/// </summary>
internal sealed class RowValidator
{
    private readonly TableSchema _schema;
    private readonly bool _ignoreUnknown;
    private readonly Action<long, string, string, string, Severity, string?> _report;
    private byte[] _scratch = new byte[256];
    private readonly PathSegment[] _path = new PathSegment[64];
    private int _depth;
    private long _line;
    private int _rowErrors, _rowProblems;

    private struct PathSegment { public string? Name; public int Index; }

    public RowValidator(TableSchema schema, bool ignoreUnknown, Action<long, string, string, string, Severity, string?> report)
    {
        _schema = schema;
        _ignoreUnknown = ignoreUnknown;
        _report = report;
    }

    /// <summary>BigQuery's logical bytes of the valid values seen (the size it bills storage on).</summary>
    public long LogicalBytes { get; private set; }

    /// <summary>Validates a line; returns the number of errors (0 = the row loads).</summary>
    public int Validate(long lineNumber, ReadOnlySpan<byte> line)
    {
        _line = lineNumber;
        _rowErrors = 0;
        _rowProblems = 0;
        _depth = 0;
        if (!Utf8.IsValid(line))
        {
            var bad = FirstInvalidUtf8(line);
            Problem("", LoadRule.InvalidUtf8, Excerpt.Of(line[Math.Max(0, bad - 20)..Math.Min(line.Length, bad + 20)]), Severity.Error,
                $"invalid UTF-8 at byte {bad + 1}; JSON must be UTF-8 (for Shift_JIS text convert with iconv -f CP932 -t UTF-8)");
            return _rowErrors;
        }
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 1000 });
        try
        {
            if (!reader.Read()) return 0; // whitespace-only line
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Problem("", LoadRule.RowNotObject, Excerpt.Of(line), Severity.Error);
                return _rowErrors;
            }
            Record(ref reader, _schema.Root);
            if (reader.Read())
                Problem("", LoadRule.InvalidJson, Excerpt.Of(line[(int)reader.TokenStartIndex..]), Severity.Error,
                    "more than one JSON value on the line; put each object on its own line");
        }
        catch (InvalidOperationException e)
        {
            // Escapes that decode to invalid UTF-16 (lone surrogates) in names or values.
            Problem(PathText(), LoadRule.InvalidJson, Excerpt.Of(line), Severity.Error, e.Message);
        }
        catch (JsonException e)
        {
            var at = (int)Math.Min(line.Length, e.BytePositionInLine ?? 0);
            var detail = e.Message;
            var cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) detail = detail[..cut];
            Problem(PathText(), LoadRule.InvalidJson, Excerpt.Of(line[Math.Max(0, at - 30)..at]),
                Severity.Error, $"{detail.TrimEnd('.', ' ')} at byte {at + 1}" + (at >= line.Length ? " (the line ends early: truncated?)" : ""));
        }
        return _rowErrors;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> s)
    {
        var i = 0;
        while (i < s.Length)
        {
            var status = System.Text.Rune.DecodeFromUtf8(s[i..], out _, out var used);
            if (status != System.Buffers.OperationStatus.Done) return i;
            i += used;
        }
        return s.Length;
    }

    private void Record(ref Utf8JsonReader r, SchemaField record)
    {
        var fields = record.Fields;
        Span<bool> seen = record.RequiredCount > 0 ? (fields.Count <= 128 ? stackalloc bool[fields.Count] : new bool[fields.Count]) : default;
        var hint = 0;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            int idx;
            if (hint < fields.Count && !r.ValueIsEscaped && r.ValueSpan.SequenceEqual(fields[hint].Utf8Name)) idx = hint;
            else idx = Lookup(ref r, record);
            if (idx < 0)
            {
                var name = r.GetString()!;
                r.Read();
                if (!_ignoreUnknown)
                {
                    Push(name, -1);
                    Problem(PathText(), LoadRule.UnknownField, TokenExcerpt(ref r), Severity.Error);
                    Pop();
                }
                r.Skip();
                continue;
            }
            hint = idx + 1;
            var field = fields[idx];
            if (!seen.IsEmpty) seen[idx] = true;
            r.Read();
            Push(field.Name, -1);
            Value(ref r, field);
            Pop();
        }
        if (!seen.IsEmpty)
            for (var i = 0; i < fields.Count; i++)
                if (fields[i].Mode == FieldMode.Required && !seen[i])
                {
                    Push(fields[i].Name, -1);
                    Problem(PathText(), LoadRule.RequiredMissing, "", Severity.Error);
                    Pop();
                }
    }

    private int Lookup(ref Utf8JsonReader r, SchemaField record)
    {
        var len = r.ValueSpan.Length;
        if (len > 512) return record.IndexOf(r.GetString());
        Span<char> chars = stackalloc char[len];
        var n = r.CopyString(chars);
        return record.IndexOf(chars[..n]);
    }

    private void Value(ref Utf8JsonReader r, SchemaField field)
    {
        if (r.TokenType == JsonTokenType.Null)
        {
            // A null REPEATED field loads as an empty array.
            if (field.Mode == FieldMode.Required) Problem(PathText(), LoadRule.RequiredNull, "null", Severity.Error);
            return;
        }
        if (!field.IsRepeated) { Element(ref r, field); return; }
        if (r.TokenType != JsonTokenType.StartArray)
        {
            Problem(PathText(), LoadRule.NotArrayForRepeated, TokenExcerpt(ref r), Severity.Error);
            r.Skip();
            return;
        }
        var index = 0;
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (_depth <= _path.Length) _path[_depth - 1].Index = index;
            if (r.TokenType == JsonTokenType.Null) Problem(PathText(), LoadRule.NullInArray, "null", Severity.Error);
            else Element(ref r, field);
            index++;
        }
        if (_depth <= _path.Length) _path[_depth - 1].Index = -1;
    }

    private void Element(ref Utf8JsonReader r, SchemaField field)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.StartObject:
                if (field.Type == BqType.Record) { Record(ref r, field); return; }
                if (field.Type == BqType.Json) { var start = r.TokenStartIndex; r.Skip(); LogicalBytes += r.BytesConsumed - start; return; }
                Problem(PathText(), LoadRule.ObjectForScalar, TokenExcerpt(ref r), Severity.Error);
                r.Skip();
                return;
            case JsonTokenType.StartArray:
                if (field.Type == BqType.Json) { var start = r.TokenStartIndex; r.Skip(); LogicalBytes += r.BytesConsumed - start; return; }
                Problem(PathText(), LoadRule.ArrayForNonRepeated, TokenExcerpt(ref r), Severity.Error);
                r.Skip();
                return;
        }
        if (field.Type == BqType.Record)
        {
            Problem(PathText(), LoadRule.NotObjectForRecord, TokenExcerpt(ref r), Severity.Error);
            return;
        }
        Scalar(ref r, field);
    }

    private ReadOnlySpan<byte> StringBytes(ref Utf8JsonReader r)
    {
        if (!r.ValueIsEscaped) return r.ValueSpan;
        if (_scratch.Length < r.ValueSpan.Length) _scratch = new byte[Math.Max(r.ValueSpan.Length, _scratch.Length * 2)];
        var n = r.CopyString(_scratch);
        return _scratch.AsSpan(0, n);
    }

    private void Scalar(ref Utf8JsonReader r, SchemaField field)
    {
        var token = r.TokenType;
        var isString = token == JsonTokenType.String;
        var isNumber = token == JsonTokenType.Number;
        var isBool = token is JsonTokenType.True or JsonTokenType.False;
        switch (field.Type)
        {
            case BqType.String:
                LogicalBytes += 2 + r.ValueSpan.Length;
                return;
            case BqType.Json:
                LogicalBytes += r.ValueSpan.Length + (isString ? 2 : 0);
                return;
            case BqType.Int64:
            {
                if (isBool) { Error(ref r, LoadRule.Int64Invalid); return; }
                var s = isString ? StringBytes(ref r) : r.ValueSpan;
                switch (BqLiterals.Int64(s, out var v))
                {
                    case BqLiterals.Result.Invalid: Error(ref r, LoadRule.Int64Invalid); return;
                    case BqLiterals.Result.OutOfRange: Error(ref r, LoadRule.Int64OutOfRange); return;
                }
                if (isNumber && (v > BqLiterals.MaxSafeInteger || v < -BqLiterals.MaxSafeInteger))
                    Problem(PathText(), LoadRule.Int64BeyondDoublePrecision, TokenExcerpt(ref r), Severity.Warning);
                LogicalBytes += 8;
                return;
            }
            case BqType.Float64:
                if (isNumber || (isString && BqLiterals.Float64(StringBytes(ref r)))) { LogicalBytes += 8; return; }
                Error(ref r, LoadRule.Float64Invalid);
                return;
            case BqType.Numeric:
            case BqType.BigNumeric:
            {
                if (!(isNumber || isString) || !BqLiterals.Decimal(isString ? StringBytes(ref r) : r.ValueSpan, out var intDigits, out var fracDigits))
                {
                    Error(ref r, LoadRule.NumericInvalid);
                    return;
                }
                var big = field.Type == BqType.BigNumeric;
                var scale = field.Scale ?? (field.Precision is null ? (big ? 38 : 9) : 0);
                var maxInt = field.Precision is int p ? p - scale : (big ? 38 : 29);
                if (intDigits > maxInt)
                {
                    Problem(PathText(), LoadRule.NumericOutOfRange, TokenExcerpt(ref r), Severity.Error,
                        $"{intDigits} integer digits; {field.TypeText} allows {maxInt}");
                    return;
                }
                if (fracDigits > scale)
                    Problem(PathText(), LoadRule.NumericScaleRounded, TokenExcerpt(ref r), Severity.Warning,
                        $"{fracDigits} fractional digits; {field.TypeText} keeps {scale} and rounds the rest");
                LogicalBytes += big ? 32 : 16;
                return;
            }
            case BqType.Bool:
                if (isBool) { LogicalBytes += 1; return; }
                if (isString)
                {
                    var s = StringBytes(ref r);
                    if (Ascii.EqualsIgnoreCase(s, "true"u8) || Ascii.EqualsIgnoreCase(s, "false"u8)) { LogicalBytes += 1; return; }
                }
                Error(ref r, LoadRule.BoolInvalid);
                return;
            case BqType.Bytes:
                if (isString)
                {
                    var s = StringBytes(ref r);
                    if (BqLiterals.Base64(s)) { LogicalBytes += 2 + s.Length / 4 * 3; return; }
                }
                Error(ref r, LoadRule.BytesInvalid);
                return;
            case BqType.Timestamp:
            {
                if (isNumber)
                {
                    if (Utf8Parser.TryParse(r.ValueSpan, out double secs, out _))
                        if (BqLiterals.EpochSeconds(secs)) { LogicalBytes += 8; return; }
                    Error(ref r, LoadRule.TimestampInvalid, "epoch seconds outside years 0001-9999");
                    return;
                }
                if (!isString) { Error(ref r, LoadRule.TimestampInvalid); return; }
                var s = StringBytes(ref r);
                if (BqLiterals.Timestamp(s, out var frac) == BqLiterals.Result.Ok) { Subsecond(ref r, frac); LogicalBytes += 8; return; }
                if (BqLiterals.Decimal(s, out _, out _) && Utf8Parser.TryParse(s, out double quoted, out var used) && used == s.Length
                    && BqLiterals.EpochSeconds(quoted)) { LogicalBytes += 8; return; }
                Error(ref r, LoadRule.TimestampInvalid);
                return;
            }
            case BqType.Date:
                if (isString && BqLiterals.DateOnly(StringBytes(ref r)) == BqLiterals.Result.Ok) { LogicalBytes += 8; return; }
                Error(ref r, LoadRule.DateInvalid);
                return;
            case BqType.Time:
            {
                if (isString && BqLiterals.TimeOnly(StringBytes(ref r), out var frac) == BqLiterals.Result.Ok) { Subsecond(ref r, frac); LogicalBytes += 8; return; }
                Error(ref r, LoadRule.TimeInvalid);
                return;
            }
            case BqType.DateTime:
            {
                if (isString && BqLiterals.DateTimeText(StringBytes(ref r), out var frac) == BqLiterals.Result.Ok) { Subsecond(ref r, frac); LogicalBytes += 8; return; }
                Error(ref r, LoadRule.DateTimeInvalid);
                return;
            }
            case BqType.Geography:
                if (isString && LooksLikeGeography(StringBytes(ref r))) { LogicalBytes += 16 + r.ValueSpan.Length; return; }
                Error(ref r, LoadRule.GeographyInvalid);
                return;
        }
    }

    private static readonly byte[][] GeographyKinds =
        ["POINT"u8.ToArray(), "LINESTRING"u8.ToArray(), "POLYGON"u8.ToArray(), "MULTIPOINT"u8.ToArray(),
         "MULTILINESTRING"u8.ToArray(), "MULTIPOLYGON"u8.ToArray(), "GEOMETRYCOLLECTION"u8.ToArray()];

    /// <summary>WKT starts with a geometry keyword; GeoJSON text starts with '{'.</summary>
    private static bool LooksLikeGeography(ReadOnlySpan<byte> s)
    {
        s = s.TrimStart((byte)' ');
        if (s.IsEmpty) return false;
        if (s[0] == '{') return true;
        foreach (var k in GeographyKinds)
            if (s.Length >= k.Length && Ascii.EqualsIgnoreCase(s[..k.Length], k)) return true;
        return false;
    }

    private void Subsecond(ref Utf8JsonReader r, int fractionDigits)
    {
        if (fractionDigits > 6) Problem(PathText(), LoadRule.SubsecondTruncated, TokenExcerpt(ref r), Severity.Warning);
    }

    private void Error(ref Utf8JsonReader r, string rule, string? detail = null) =>
        Problem(PathText(), rule, TokenExcerpt(ref r), Severity.Error, detail);

    private static string TokenExcerpt(ref Utf8JsonReader r) => r.TokenType switch
    {
        JsonTokenType.StartObject => "{…}",
        JsonTokenType.StartArray => "[…]",
        JsonTokenType.String => Excerpt.Of(r.ValueSpan, quoted: true),
        _ => Excerpt.Of(r.ValueSpan),
    };

    private void Problem(string path, string rule, string value, Severity severity, string? detail = null)
    {
        if (severity == Severity.Error) _rowErrors++;
        if (_rowProblems++ >= 20) return; // a row with hundreds of bad values says enough with twenty
        _report(_line, path, rule, value, severity, detail);
    }

    private void Push(string name, int index)
    {
        if (_depth < _path.Length) _path[_depth] = new PathSegment { Name = name, Index = index };
        _depth++;
    }

    private void Pop() => _depth--;

    private string PathText()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < Math.Min(_depth, _path.Length); i++)
        {
            if (sb.Length > 0) sb.Append('.');
            sb.Append(_path[i].Name);
            if (_path[i].Index >= 0) sb.Append('[').Append(_path[i].Index).Append(']');
        }
        return sb.ToString();
    }
}
