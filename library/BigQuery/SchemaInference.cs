using System.Text.Json;
using System.Text.Unicode;

namespace Ops.BigQuery;

/// <summary>
/// Infers a schema from NDJSON values the way bq's --autodetect does for JSON: quoted numbers and
/// booleans count as numbers and booleans, INTEGER widens to FLOAT, conflicting date/time kinds
/// (or any other conflict) fall back to STRING, objects become RECORDs and arrays REPEATED.
/// Feed it rows with <see cref="Add"/>, then read <see cref="ToSchema"/>.
/// </summary>
public sealed class SchemaInference
{
    internal enum Kind { Unknown, Bool, Int, Float, Date, Time, Timestamp, String, Record, Json }

    internal sealed class Node
    {
        public Kind Kind;
        public bool Repeated;
        public bool Scalar; // seen as a non-array value
        public readonly Dictionary<string, Node> Children = new(StringComparer.OrdinalIgnoreCase);
        public readonly List<string> Order = new();
    }

    private readonly Node _root = new() { Kind = Kind.Record };

    public long Rows { get; private set; }
    /// <summary>Lines that were not JSON objects (skipped).</summary>
    public long Skipped { get; private set; }
    /// <summary>The line number of the first skipped line, when read by <see cref="FromFile"/>.</summary>
    public long? FirstSkippedLine { get; private set; }

    /// <summary>Adds one NDJSON line; returns false when it is not a JSON object (it is skipped).</summary>
    public bool Add(ReadOnlySpan<byte> line)
    {
        if (!Utf8.IsValid(line)) { Skipped++; return false; }
        var r = new Utf8JsonReader(line);
        try
        {
            if (!r.Read()) return false;
            if (r.TokenType != JsonTokenType.StartObject) { Skipped++; return false; }
            Record(ref r, _root);
            Rows++;
            return true;
        }
        catch (JsonException) { Skipped++; return false; }
    }

    private static void Record(ref Utf8JsonReader r, Node node)
    {
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            var name = r.GetString()!;
            if (!node.Children.TryGetValue(name, out var child))
            {
                child = new Node();
                node.Children[name] = child;
                node.Order.Add(name);
            }
            r.Read();
            Value(ref r, child);
        }
    }

    private static void Value(ref Utf8JsonReader r, Node node)
    {
        if (r.TokenType == JsonTokenType.StartArray)
        {
            node.Repeated = true;
            while (r.Read() && r.TokenType != JsonTokenType.EndArray)
            {
                if (r.TokenType == JsonTokenType.StartArray) { node.Kind = Kind.Json; r.Skip(); continue; } // arrays of arrays: JSON
                Element(ref r, node);
            }
            return;
        }
        if (r.TokenType != JsonTokenType.Null) node.Scalar = true;
        Element(ref r, node);
    }

    private static void Element(ref Utf8JsonReader r, Node node)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.Null: return;
            case JsonTokenType.StartObject:
                if (node.Kind is Kind.Unknown or Kind.Record) { node.Kind = Kind.Record; Record(ref r, node); }
                else { node.Kind = Kind.Json; r.Skip(); }
                return;
            case JsonTokenType.True:
            case JsonTokenType.False: node.Kind = Merge(node.Kind, Kind.Bool); return;
            case JsonTokenType.Number:
            {
                var s = r.ValueSpan;
                var isInt = s.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0
                            && BqLiterals.Int64(s, out _) == BqLiterals.Result.Ok;
                node.Kind = Merge(node.Kind, isInt ? Kind.Int : Kind.Float);
                return;
            }
            case JsonTokenType.String:
            {
                Span<byte> buf = stackalloc byte[128];
                scoped ReadOnlySpan<byte> s;
                if (!r.ValueIsEscaped) s = r.ValueSpan;
                else if (r.ValueSpan.Length <= buf.Length) s = buf[..r.CopyString(buf)];
                else { node.Kind = Merge(node.Kind, Kind.String); return; }
                node.Kind = Merge(node.Kind, Classify(s));
                return;
            }
        }
    }

    /// <summary>What autodetect makes of a quoted value.</summary>
    internal static Kind Classify(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty) return Kind.String;
        if (System.Text.Ascii.EqualsIgnoreCase(s, "true"u8) || System.Text.Ascii.EqualsIgnoreCase(s, "false"u8)) return Kind.Bool;
        if (BqLiterals.Int64(s, out _) == BqLiterals.Result.Ok) return Kind.Int;
        if (BqLiterals.Decimal(s, out _, out _)) return Kind.Float;
        if (BqLiterals.DateOnly(s) == BqLiterals.Result.Ok) return Kind.Date;
        if (BqLiterals.TimeOnly(s, out _) == BqLiterals.Result.Ok) return Kind.Time;
        if (BqLiterals.Date(s) > 0 && BqLiterals.Timestamp(s, out _) == BqLiterals.Result.Ok) return Kind.Timestamp;
        return Kind.String;
    }

    internal static Kind Merge(Kind a, Kind b)
    {
        if (a == b || b == Kind.Unknown) return a;
        if (a == Kind.Unknown) return b;
        if (a == Kind.Json || b == Kind.Json) return Kind.Json;
        if (a == Kind.Record || b == Kind.Record) return Kind.Json; // an object here, a scalar there
        if ((a, b) is (Kind.Int, Kind.Float) or (Kind.Float, Kind.Int)) return Kind.Float;
        return Kind.String; // date vs time vs timestamp, number vs text, bool vs number: STRING
    }

    public TableSchema ToSchema() => new(Fields(_root));

    private static List<SchemaField> Fields(Node node) =>
        node.Order.Select(name =>
        {
            var c = node.Children[name];
            var kind = c.Repeated && c.Scalar ? Kind.Json : c.Kind; // sometimes array, sometimes not
            var mode = c.Repeated && kind != Kind.Json ? FieldMode.Repeated : FieldMode.Nullable;
            if (kind == Kind.Record && c.Children.Count == 0) kind = Kind.Json;
            return kind == Kind.Record
                ? new SchemaField(name, BqType.Record, mode, Fields(c))
                : new SchemaField(name, TypeOf(kind), mode);
        }).ToList();

    private static BqType TypeOf(Kind k) => k switch
    {
        Kind.Bool => BqType.Bool,
        Kind.Int => BqType.Int64,
        Kind.Float => BqType.Float64,
        Kind.Date => BqType.Date,
        Kind.Time => BqType.Time,
        Kind.Timestamp => BqType.Timestamp,
        Kind.Json => BqType.Json,
        _ => BqType.String,
    };

    /// <summary>Infers from the first <paramref name="maxRows"/> rows of a file (all rows when null), streaming.</summary>
    public static SchemaInference FromFile(string path, int? maxRows = null, CancellationToken cancellationToken = default)
    {
        var token = Cancellation.Or(cancellationToken);
        var inference = new SchemaInference();
        using var stream = NdjsonFile.Open(path);
        using var lines = new LineReader(stream, 100L << 20);
        while ((maxRows is null || inference.Rows < maxRows) && lines.TryReadLine(out var line, out var oversized))
        {
            if (oversized > 0 || line.Trim(" \t"u8).IsEmpty) continue;
            if (!inference.Add(line)) inference.FirstSkippedLine ??= lines.LineNumber;
            if ((lines.LineNumber & 0xFFFF) == 0) token.ThrowIfCancellationRequested();
        }
        return inference;
    }
}
