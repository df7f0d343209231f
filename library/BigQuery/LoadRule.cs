namespace Ops.BigQuery;

/// <summary>
/// The names of the rules a load check reports, stable for scripts reading <c>ops bq check --json</c>.
/// Each has a one-line explanation of what BigQuery does and what to change.
/// </summary>
public static class LoadRule
{
    public const string InvalidJson = "invalid_json";
    public const string RowNotObject = "row_not_object";
    public const string InvalidUtf8 = "invalid_utf8";
    public const string RowTooLarge = "row_too_large";
    public const string UnknownField = "unknown_field";
    public const string RequiredMissing = "required_missing";
    public const string RequiredNull = "required_null";
    public const string ArrayForNonRepeated = "array_for_non_repeated";
    public const string NotArrayForRepeated = "repeated_not_array";
    public const string NullInArray = "null_in_array";
    public const string ObjectForScalar = "object_for_scalar";
    public const string NotObjectForRecord = "record_not_object";
    public const string Int64Invalid = "int64_invalid";
    public const string Int64OutOfRange = "int64_out_of_range";
    public const string Int64BeyondDoublePrecision = "int64_unquoted_beyond_2^53";
    public const string Float64Invalid = "float64_invalid";
    public const string NumericInvalid = "numeric_invalid";
    public const string NumericOutOfRange = "numeric_out_of_range";
    public const string NumericScaleRounded = "numeric_scale_rounded";
    public const string BoolInvalid = "bool_invalid";
    public const string BytesInvalid = "bytes_not_base64";
    public const string TimestampInvalid = "timestamp_invalid";
    public const string DateInvalid = "date_invalid";
    public const string TimeInvalid = "time_invalid";
    public const string DateTimeInvalid = "datetime_invalid";
    public const string SubsecondTruncated = "subsecond_truncated";
    public const string GeographyInvalid = "geography_invalid";
    public const string StringFromNonString = "string_from_non_string";
    public const string CorruptGzip = "corrupt_gzip";
    public const string GzipTooLarge = "gzip_over_4gb";
    public const string MixedCompression = "mixed_compression";
    public const string FileUnreadable = "file_unreadable";

    public static string Explain(string rule) => rule switch
    {
        InvalidJson => "the line is not one complete JSON value; BigQuery counts it as a bad record (each JSON object must be on one line)",
        RowNotObject => "each line must be a JSON object ({...})",
        InvalidUtf8 => "JSON must be UTF-8; convert the source encoding (Shift_JIS: iconv -f CP932 -t UTF-8)",
        RowTooLarge => "a JSON row may be at most 100 MB",
        UnknownField => "field not in the schema; add it to the schema or load with --ignore_unknown_values",
        RequiredMissing => "a REQUIRED field is absent",
        RequiredNull => "a REQUIRED field is null",
        ArrayForNonRepeated => "an array was given for a field that is not REPEATED",
        NotArrayForRepeated => "a REPEATED field needs a JSON array",
        NullInArray => "arrays cannot hold null elements",
        ObjectForScalar => "an object was given for a non-RECORD, non-JSON field",
        NotObjectForRecord => "a RECORD field needs a JSON object",
        Int64Invalid => "not an integer (INT64 takes JSON integers or quoted integers, no fraction or exponent)",
        Int64OutOfRange => "outside INT64 range [-2^63, 2^63-1]",
        Int64BeyondDoublePrecision => "unquoted integer beyond ±(2^53-1) may be corrupted by JSON number handling; write it as a quoted string",
        Float64Invalid => "not a number (FLOAT64 takes JSON numbers, quoted numbers, NaN, Infinity, -Infinity)",
        NumericInvalid => "not a decimal number",
        NumericOutOfRange => "more integer digits than the NUMERIC/BIGNUMERIC precision allows",
        NumericScaleRounded => "more fractional digits than the scale; BigQuery rounds the value",
        BoolInvalid => "BOOL takes true/false (case-insensitive), bare or quoted",
        BytesInvalid => "BYTES must be base64-encoded",
        TimestampInvalid => "TIMESTAMP takes YYYY-MM-DD[( |T)HH:MM:SS[.ffffff]][zone] or epoch seconds",
        DateInvalid => "DATE takes YYYY-MM-DD",
        TimeInvalid => "TIME takes HH:MM:SS[.ffffff]",
        DateTimeInvalid => "DATETIME takes YYYY-MM-DD[( |T)HH:MM:SS[.ffffff]] without a time zone",
        SubsecondTruncated => "more than 6 fractional second digits; BigQuery keeps microseconds",
        GeographyInvalid => "GEOGRAPHY takes WKT or GeoJSON text",
        StringFromNonString => "a JSON number or boolean for a STRING field is converted to its text",
        CorruptGzip => "the gzip stream is damaged; BigQuery fails the whole load job",
        GzipTooLarge => "a gzip file may be at most 4 GB; split it before loading",
        MixedCompression => "a load job cannot mix compressed and uncompressed files",
        FileUnreadable => "the file could not be read",
        _ => rule,
    };

    /// <summary>Rules that fail the whole job whatever max_bad_records says.</summary>
    public static bool IsFatal(string rule) => rule is CorruptGzip or GzipTooLarge or MixedCompression or FileUnreadable;
}
