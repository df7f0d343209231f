using Ops.BigQuery;

namespace Ops.Tests.BigQuery;

public class TypeRuleTests
{
    private static void Accepts(string type, string jsonValue, string extra = "")
    {
        var r = Ndjson.Check(Ndjson.One(type, extra: extra), $$"""{"v":{{jsonValue}}}""");
        Assert.True(r.BadRecords == 0, $"{type} should accept {jsonValue}: {string.Join("; ", r.Problems)}");
    }

    private static void Rejects(string type, string jsonValue, string rule, string extra = "")
    {
        var r = Ndjson.Check(Ndjson.One(type, extra: extra), $$"""{"v":{{jsonValue}}}""");
        Assert.True(r.BadRecords == 1, $"{type} should reject {jsonValue}");
        Assert.Equal(rule, Assert.Single(r.Problems).Rule);
        Assert.Equal("v", r.Problems[0].Path);
        Assert.Equal(1, r.Problems[0].Line);
    }

    private static void Warns(string type, string jsonValue, string rule, string extra = "")
    {
        var r = Ndjson.Check(Ndjson.One(type, extra: extra), $$"""{"v":{{jsonValue}}}""");
        Assert.Equal(0, r.BadRecords);
        var p = Assert.Single(r.Problems);
        Assert.Equal(rule, p.Rule);
        Assert.Equal(Severity.Warning, p.Severity);
    }

    [Theory]
    [InlineData("42")] [InlineData("-7")] [InlineData("\"42\"")] [InlineData("\"-9223372036854775808\"")] [InlineData("\"+5\"")]
    public void Int64_accepts_integers_and_quoted_integers(string v) => Accepts("INTEGER", v);

    [Theory]
    [InlineData("1.5")] [InlineData("1e3")] [InlineData("\"3.0\"")] [InlineData("\"12a\"")] [InlineData("true")] [InlineData("\"\"")]
    public void Int64_rejects_fractions_exponents_and_text(string v) => Rejects("INT64", v, LoadRule.Int64Invalid);

    [Fact]
    public void Int64_rejects_values_beyond_64_bits() => Rejects("INT64", "\"9223372036854775808\"", LoadRule.Int64OutOfRange);

    [Fact]
    public void Unquoted_int64_beyond_2_pow_53_is_a_precision_warning_but_quoted_is_fine()
    {
        Warns("INT64", "9007199254740993", LoadRule.Int64BeyondDoublePrecision);
        Accepts("INT64", "9007199254740991");
        Accepts("INT64", "\"9007199254740993\"");
    }

    [Theory]
    [InlineData("1.5")] [InlineData("-2e-3")] [InlineData("\"3.0\"")] [InlineData("\"NaN\"")] [InlineData("\"-Infinity\"")] [InlineData("7")]
    public void Float64_accepts_numbers_quoted_numbers_and_specials(string v) => Accepts("FLOAT", v);

    [Theory]
    [InlineData("\"3.0.1\"")] [InlineData("\"abc\"")] [InlineData("false")] [InlineData("\"1,5\"")]
    public void Float64_rejects_text(string v) => Rejects("FLOAT64", v, LoadRule.Float64Invalid);

    [Theory]
    [InlineData("\"12345678901234567890123456789.123456789\"")] [InlineData("0.5")] [InlineData("\"-1e28\"")]
    public void Numeric_accepts_29_integer_and_9_fraction_digits(string v) => Accepts("NUMERIC", v);

    [Fact]
    public void Numeric_rejects_30_integer_digits() => Rejects("NUMERIC", "\"123456789012345678901234567890\"", LoadRule.NumericOutOfRange);

    [Fact]
    public void Numeric_warns_when_scale_is_rounded() => Warns("NUMERIC", "\"0.1234567891\"", LoadRule.NumericScaleRounded);

    [Fact]
    public void Numeric_rejects_text() => Rejects("NUMERIC", "\"12x\"", LoadRule.NumericInvalid);

    [Fact]
    public void Parameterised_numeric_uses_its_precision_and_scale()
    {
        const string p = ",\"precision\":\"5\",\"scale\":\"2\"";
        Accepts("NUMERIC", "\"999.99\"", p);
        Rejects("NUMERIC", "\"1000.5\"", LoadRule.NumericOutOfRange, p);
        Warns("NUMERIC", "\"1.234\"", LoadRule.NumericScaleRounded, p);
    }

    [Fact]
    public void Bignumeric_allows_38_integer_and_38_fraction_digits()
    {
        Accepts("BIGNUMERIC", "\"" + new string('9', 38) + "." + new string('1', 38) + "\"");
        Rejects("BIGNUMERIC", "\"" + new string('9', 40) + "\"", LoadRule.NumericOutOfRange);
    }

    [Theory]
    [InlineData("true")] [InlineData("false")] [InlineData("\"TRUE\"")] [InlineData("\"False\"")]
    public void Bool_accepts_true_false_case_insensitive(string v) => Accepts("BOOLEAN", v);

    [Theory]
    [InlineData("1")] [InlineData("\"yes\"")] [InlineData("\"t\"")]
    public void Bool_rejects_numbers_and_other_words(string v) => Rejects("BOOL", v, LoadRule.BoolInvalid);

    [Theory]
    [InlineData("\"text\"")] [InlineData("12")] [InlineData("true")]
    public void String_accepts_text_numbers_and_booleans(string v) => Accepts("STRING", v);

    [Fact]
    public void String_rejects_objects_and_arrays()
    {
        Rejects("STRING", "{\"a\":1}", LoadRule.ObjectForScalar);
        Rejects("STRING", "[1,2]", LoadRule.ArrayForNonRepeated);
    }

    [Theory]
    [InlineData("\"aGVsbG8=\"")] [InlineData("\"\"")]
    public void Bytes_accepts_base64(string v) => Accepts("BYTES", v);

    [Theory]
    [InlineData("\"hello!\"")] [InlineData("\"aGVsbG8\"")] [InlineData("5")]
    public void Bytes_rejects_non_base64(string v) => Rejects("BYTES", v, LoadRule.BytesInvalid);

    [Theory]
    [InlineData("\"2019-10-01 12:34:56\"")] [InlineData("\"2019-10-01T12:34:56.123456Z\"")] [InlineData("\"2019-10-01 12:34:56 UTC\"")]
    [InlineData("\"2019-10-01 12:34:56+09:00\"")] [InlineData("\"2019-10-01\"")] [InlineData("1569900000")] [InlineData("1569900000.25")]
    [InlineData("\"1569900000\"")] [InlineData("\"2019-1-2 3:04:05\"")] [InlineData("\"2019-10-01 12:34:56 Asia/Tokyo\"")] [InlineData("\"2019-10-01 12:34:56 EST\"")]
    public void Timestamp_accepts_calendar_forms_zones_and_epoch_seconds(string v) => Accepts("TIMESTAMP", v);

    [Theory]
    [InlineData("\"2019/10/01 12:34:56\"")] [InlineData("\"2019-13-01\"")] [InlineData("\"2019-02-30 00:00:00\"")] [InlineData("\"01-10-2019\"")]
    [InlineData("\"2019-10-01 25:00:00\"")] [InlineData("true")] [InlineData("\"2019-10-01 12:34:56 JST\"")] [InlineData("\"2019-10-01 12:34:56 Mars/Olympus\"")] [InlineData("1e20")]
    public void Timestamp_rejects_other_forms(string v) => Rejects("TIMESTAMP", v, LoadRule.TimestampInvalid);

    [Fact]
    public void Timestamp_with_nanoseconds_warns_about_truncation() => Warns("TIMESTAMP", "\"2019-10-01 00:00:00.123456789\"", LoadRule.SubsecondTruncated);

    [Theory]
    [InlineData("\"2020-02-29\"")] [InlineData("\"2019-1-5\"")]
    public void Date_accepts_calendar_dates(string v) => Accepts("DATE", v);

    [Theory]
    [InlineData("\"2019-02-29\"")] [InlineData("\"2019/01/05\"")] [InlineData("\"2019-01-05 00:00:00\"")] [InlineData("20190105")]
    public void Date_rejects_invalid_dates_and_times(string v) => Rejects("DATE", v, LoadRule.DateInvalid);

    [Theory]
    [InlineData("\"23:59:59\"")] [InlineData("\"1:02:03.5\"")]
    public void Time_accepts_clock_times(string v) => Accepts("TIME", v);

    [Theory]
    [InlineData("\"24:00:00\"")] [InlineData("\"12:00\"")] [InlineData("\"12:00:00Z\"")]
    public void Time_rejects_out_of_range_and_zoned(string v) => Rejects("TIME", v, LoadRule.TimeInvalid);

    [Theory]
    [InlineData("\"2019-10-01 12:00:00\"")] [InlineData("\"2019-10-01T12:00:00.5\"")] [InlineData("\"2019-10-01\"")]
    public void Datetime_accepts_civil_times(string v) => Accepts("DATETIME", v);

    [Theory]
    [InlineData("\"2019-10-01 12:00:00Z\"")] [InlineData("\"2019-10-01 12:00:00+09:00\"")] [InlineData("1569900000")]
    public void Datetime_rejects_zones_and_epochs(string v) => Rejects("DATETIME", v, LoadRule.DateTimeInvalid);

    [Theory]
    [InlineData("{\"a\":[1,{\"b\":null}]}")] [InlineData("[1,2]")] [InlineData("\"text\"")] [InlineData("3")]
    public void Json_accepts_any_json_value(string v) => Accepts("JSON", v);

    [Fact]
    public void Geography_accepts_wkt_and_rejects_other_text()
    {
        Accepts("GEOGRAPHY", "\"POINT(139.7 35.6)\"");
        Rejects("GEOGRAPHY", "\"Tokyo\"", LoadRule.GeographyInvalid);
    }

    [Fact]
    public void Required_null_and_missing_fail_but_nullable_does_not()
    {
        var s = Ndjson.Schema("""[{"name":"id","type":"INTEGER","mode":"REQUIRED"},{"name":"n","type":"STRING"}]""");
        var r = Ndjson.Check(s, "{\"id\":1}\n{\"id\":null,\"n\":null}\n{\"n\":\"x\"}\n");
        Assert.Equal(2, r.BadRecords);
        Assert.Equal([(2L, LoadRule.RequiredNull), (3L, LoadRule.RequiredMissing)], r.Problems.Select(p => (p.Line, p.Rule)));
    }

    [Fact]
    public void Unknown_fields_fail_unless_ignored()
    {
        var s = Ndjson.One("STRING");
        var strict = Ndjson.Check(s, """{"v":"a","extra":{"deep":[1]}}""");
        Assert.Equal(LoadRule.UnknownField, Assert.Single(strict.Problems).Rule);
        Assert.Equal("extra", strict.Problems[0].Path);
        Assert.Equal(0, Ndjson.Check(s, """{"v":"a","extra":{"deep":[1]}}""", ignoreUnknown: true).BadRecords);
    }

    [Fact]
    public void Field_names_match_case_insensitively_and_with_escapes()
    {
        var s = Ndjson.One("INTEGER");
        Assert.Equal(0, Ndjson.Check(s, """{"V":1}""").BadRecords);
        Assert.Equal(0, Ndjson.Check(s, """{"\u0076":1}""").BadRecords);
    }
}
