using System.IO.Compression;
using System.Text;
using Ops.BigQuery;

namespace Ops.Tests.BigQuery;

public class FileCheckTests
{
    private static readonly TableSchema Schema = Ndjson.Schema("""[{"name":"id","type":"INTEGER"},{"name":"name","type":"STRING"}]""");

    [Fact]
    public void Truncated_json_line_is_reported_with_file_and_line()
    {
        var dir = Ndjson.TempDir();
        var path = Path.Combine(dir, "cut.json");
        File.WriteAllText(path, "{\"id\":1}\n{\"id\":2,\"name\":\"ab");
        var report = JsonLoadCheck.Validate(Schema, [path]);
        var p = Assert.Single(report.Problems);
        Assert.Equal((path, 2L, LoadRule.InvalidJson), (p.File, p.Line, p.Rule));
        Assert.True(report.WouldFail);
        Assert.Contains($"{path}:2:", p.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Corrupt_gzip_is_reported_whether_or_not_decompression_runs_ahead(bool ahead)
    {
        var dir = Ndjson.TempDir();
        var text = string.Concat(Enumerable.Range(0, 20000).Select(i => $"{{\"id\":{i},\"name\":\"n{i % 97}\"}}\n"));
        var path = Ndjson.WriteGzip(dir, "bad.json.gz", text);
        var bytes = File.ReadAllBytes(path);
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++) bytes[i] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
        var r = JsonLoadCheck.ValidateFile(Schema, path, decompressAhead: ahead);
        Assert.True(r.Fatal);
        Assert.Contains(r.Problems, p => p.Rule == LoadRule.CorruptGzip && p.Line > 1);
        var good = Ndjson.WriteGzip(dir, "good.json.gz", text);
        var ok = JsonLoadCheck.ValidateFile(Schema, good, decompressAhead: ahead);
        Assert.Equal((20000L, 0L, false), (ok.Rows, ok.ProblemCount, ok.Fatal));
    }

    [Fact]
    public void Corrupt_gzip_fails_the_job_and_names_the_file_and_line()
    {
        var dir = Ndjson.TempDir();
        var text = string.Concat(Enumerable.Range(0, 20000).Select(i => $"{{\"id\":{i},\"name\":\"n{i % 97}\"}}\n"));
        var path = Ndjson.WriteGzip(dir, "bad.json.gz", text);
        var bytes = File.ReadAllBytes(path);
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 64; i++) bytes[i] ^= 0x5A;
        File.WriteAllBytes(path, bytes);
        var report = JsonLoadCheck.Validate(Schema, [path], new LoadCheckOptions { MaxBadRecords = 1000000 });
        var p = report.Problems.First(x => x.Rule == LoadRule.CorruptGzip);
        Assert.Equal(path, p.File);
        Assert.True(p.Line > 1, "line where the damage was met");
        Assert.True(report.WouldFail, "a corrupt gzip fails whatever max_bad_records says");
    }

    [Fact]
    public void Truncated_gzip_is_reported_as_corrupt()
    {
        var dir = Ndjson.TempDir();
        var text = string.Concat(Enumerable.Range(0, 5000).Select(i => $"{{\"id\":{i}}}\n"));
        var path = Ndjson.WriteGzip(dir, "short.json.gz", text);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length * 2 / 3)]);
        var report = JsonLoadCheck.Validate(Schema, [path], new LoadCheckOptions { MaxBadRecords = 10 });
        Assert.Contains(report.Problems, x => x.Rule == LoadRule.CorruptGzip && x.Severity == Severity.Error);
        Assert.True(report.WouldFail);
    }

    [Fact]
    public void Max_bad_records_decides_the_verdict_and_json_contract()
    {
        var dir = Ndjson.TempDir();
        var path = Path.Combine(dir, "two-bad.json");
        File.WriteAllText(path, "{\"id\":1}\n{\"id\":\"x\"}\n{\"id\":\"y\"}\n");
        var strict = JsonLoadCheck.Validate(Schema, [path], new LoadCheckOptions { MaxBadRecords = 1 });
        var lenient = JsonLoadCheck.Validate(Schema, [path], new LoadCheckOptions { MaxBadRecords = 2 });
        Assert.True(strict.WouldFail);
        Assert.False(lenient.WouldFail);
        using var doc = System.Text.Json.JsonDocument.Parse(strict.ToJson());
        Assert.True(doc.RootElement.GetProperty("wouldFail").GetBoolean());
        Assert.Equal(2, doc.RootElement.GetProperty("badRecords").GetInt64());
        var first = doc.RootElement.GetProperty("problems")[0];
        Assert.Equal(path, first.GetProperty("file").GetString());
        Assert.Equal(2, first.GetProperty("line").GetInt64());
        Assert.Equal("id", first.GetProperty("path").GetString());
        Assert.Equal(LoadRule.Int64Invalid, first.GetProperty("rule").GetString());
        Assert.Equal("\"x\"", first.GetProperty("value").GetString());
    }

    [Fact]
    public void Invalid_utf8_and_control_characters_in_values_are_escaped_in_excerpts()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"name\":\"ok\"}\n{\"name\":\"").Concat(new byte[] { 0x82, 0xA0 }).Concat(Encoding.UTF8.GetBytes("\"}\n{\"id\":\"\\u0001<b>\"}\n")).ToArray();
        var r = Ndjson.Check(Schema, bytes);
        Assert.Equal([LoadRule.InvalidUtf8, LoadRule.Int64Invalid], r.Problems.Select(p => p.Rule));
        Assert.Equal("\"\\u0001<b>\"", r.Problems[1].Value); // the JSON escape as written, never a raw control character
    }

    [Fact]
    public void Oversized_rows_are_skipped_with_bounded_memory()
    {
        var big = "{\"name\":\"" + new string('x', 300_000) + "\"}\n{\"id\":1}\n";
        var r = JsonLoadCheck.ValidateStream(Schema, new MemoryStream(Encoding.UTF8.GetBytes(big)), "big.json", new LoadCheckOptions { MaxRowBytes = 100_000 });
        Assert.Equal(LoadRule.RowTooLarge, Assert.Single(r.Problems).Rule);
        Assert.Equal(2, r.Rows);
        Assert.Equal(1, r.BadRecords);
    }

    [Fact]
    public void Files_are_checked_in_parallel_with_progress_and_mixed_compression_is_a_job_error()
    {
        var dir = Ndjson.TempDir();
        var a = Ndjson.WriteGzip(dir, "a.json.gz", "{\"id\":1}\n");
        var b = Path.Combine(dir, "b.json");
        File.WriteAllText(b, "{\"id\":2}\n");
        var finished = 0;
        var report = JsonLoadCheck.Validate(Schema, [Path.Combine(dir, "*.json*")],
            new LoadCheckOptions { Parallelism = 2, Progress = p => { if (p.Finished) Interlocked.Increment(ref finished); } });
        Assert.Equal(2, report.Files.Count);
        Assert.Equal(2, finished);
        Assert.Contains(report.Problems, p => p.Rule == LoadRule.MixedCompression);
        Assert.True(report.WouldFail);
    }

    [Fact]
    public void Deeply_nested_json_and_lone_surrogates_are_reported_not_thrown()
    {
        var schema = Ndjson.One("JSON");
        var deep = "{\"v\":" + new string('[', 200) + new string(']', 200) + "}\n{\"\\ud800\":1}\n";
        var r = Ndjson.Check(schema, deep);
        Assert.Equal(2, r.Rows);
        Assert.Equal([(2L, LoadRule.InvalidJson)], r.Problems.Select(p => (p.Line, p.Rule)));
    }

    [Fact]
    public void Progress_display_ends_with_every_input_byte_read()
    {
        var dir = Ndjson.TempDir();
        var a = Ndjson.WriteGzip(dir, "a.json.gz", string.Concat(Enumerable.Range(0, 3000).Select(i => $"{{\"id\":{i}}}\n")));
        var b = Ndjson.WriteGzip(dir, "b.json.gz", "{\"id\":1}\n");
        var sink = new Ops.Tests.Display.RecordingSink();
        using (Ops.Display.DisplayContext.Use(sink))
            JsonLoadCheck.Validate(Schema, [a, b], new LoadCheckOptions { ShowProgress = true });
        var total = new FileInfo(a).Length + new FileInfo(b).Length;
        var last = sink.Published[^1].Bundle.PlainText;
        Assert.StartsWith("bq load check of 2 file(s), bytes [", last);
        Assert.Contains($"] {total}/{total}", last);
    }

    [Fact]
    public void Logical_bytes_follow_bigquery_sizes()
    {
        // INT64 is 8 bytes, STRING 2 + its UTF-8 length, null nothing.
        var r = Ndjson.Check(Schema, "{\"id\":1,\"name\":\"abc\"}\n{\"id\":null,\"name\":\"日本\"}\n");
        Assert.Equal(8 + 2 + 3 + 2 + 6, r.LogicalBytes);
    }
}
