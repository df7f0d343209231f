namespace Ops.BigQuery;

/// <summary>A BigQuery column type (standard SQL names; legacy names map onto these).</summary>
public enum BqType
{
    String,
    Bytes,
    Int64,
    Float64,
    Numeric,
    BigNumeric,
    Bool,
    Timestamp,
    Date,
    Time,
    DateTime,
    Geography,
    Json,
    Record,
}

/// <summary>How a column holds values: one optional, one mandatory, or an array.</summary>
public enum FieldMode
{
    Nullable,
    Required,
    Repeated,
}

/// <summary>Type and mode names as bq schema files and spreadsheets write them.</summary>
public static class BqTypeNames
{
    /// <summary>Parses a legacy or standard type name (INTEGER/INT64, FLOAT/FLOAT64, BOOLEAN/BOOL, RECORD/STRUCT, DECIMAL, ...).</summary>
    public static bool TryParse(string? name, out BqType type)
    {
        type = BqType.String;
        if (string.IsNullOrWhiteSpace(name)) return false;
        var n = name.Trim().ToUpperInvariant();
        // Parameterised forms such as NUMERIC(10, 2) or STRING(20) carry their parameters elsewhere.
        var paren = n.IndexOf('(');
        if (paren > 0) n = n[..paren].TrimEnd();
        switch (n)
        {
            case "STRING": type = BqType.String; return true;
            case "BYTES": type = BqType.Bytes; return true;
            case "INTEGER": case "INT64": case "INT": case "SMALLINT": case "BIGINT": case "TINYINT": case "BYTEINT":
                type = BqType.Int64; return true;
            case "FLOAT": case "FLOAT64": type = BqType.Float64; return true;
            case "NUMERIC": case "DECIMAL": type = BqType.Numeric; return true;
            case "BIGNUMERIC": case "BIGDECIMAL": type = BqType.BigNumeric; return true;
            case "BOOLEAN": case "BOOL": type = BqType.Bool; return true;
            case "TIMESTAMP": type = BqType.Timestamp; return true;
            case "DATE": type = BqType.Date; return true;
            case "TIME": type = BqType.Time; return true;
            case "DATETIME": type = BqType.DateTime; return true;
            case "GEOGRAPHY": type = BqType.Geography; return true;
            case "JSON": type = BqType.Json; return true;
            case "RECORD": case "STRUCT": type = BqType.Record; return true;
            default: return false;
        }
    }

    public static BqType Parse(string? name, string where) =>
        TryParse(name, out var t) ? t
        : throw new FormatException($"{where}: unknown BigQuery type '{name}'; use one of STRING, BYTES, INTEGER/INT64, FLOAT/FLOAT64, NUMERIC, BIGNUMERIC, BOOLEAN/BOOL, TIMESTAMP, DATE, TIME, DATETIME, GEOGRAPHY, JSON, RECORD/STRUCT");

    public static FieldMode ParseMode(string? mode, string where)
    {
        if (string.IsNullOrWhiteSpace(mode)) return FieldMode.Nullable;
        return mode.Trim().ToUpperInvariant() switch
        {
            "NULLABLE" => FieldMode.Nullable,
            "REQUIRED" => FieldMode.Required,
            "REPEATED" => FieldMode.Repeated,
            _ => throw new FormatException($"{where}: unknown mode '{mode}'; use NULLABLE, REQUIRED or REPEATED"),
        };
    }

    /// <summary>The name bq writes in schema files (legacy names, as <c>bq show --schema</c> prints them).</summary>
    public static string LegacyName(BqType type) => type switch
    {
        BqType.Int64 => "INTEGER",
        BqType.Float64 => "FLOAT",
        BqType.Bool => "BOOLEAN",
        BqType.Record => "RECORD",
        _ => StandardName(type),
    };

    /// <summary>The GoogleSQL name, as used in CAST and DDL.</summary>
    public static string StandardName(BqType type) => type switch
    {
        BqType.String => "STRING",
        BqType.Bytes => "BYTES",
        BqType.Int64 => "INT64",
        BqType.Float64 => "FLOAT64",
        BqType.Numeric => "NUMERIC",
        BqType.BigNumeric => "BIGNUMERIC",
        BqType.Bool => "BOOL",
        BqType.Timestamp => "TIMESTAMP",
        BqType.Date => "DATE",
        BqType.Time => "TIME",
        BqType.DateTime => "DATETIME",
        BqType.Geography => "GEOGRAPHY",
        BqType.Json => "JSON",
        BqType.Record => "STRUCT",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static string ModeName(FieldMode mode) => mode switch
    {
        FieldMode.Required => "REQUIRED",
        FieldMode.Repeated => "REPEATED",
        _ => "NULLABLE",
    };
}
