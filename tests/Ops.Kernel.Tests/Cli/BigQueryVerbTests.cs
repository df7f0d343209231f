using System.IO.Compression;
using static Ops.Kernel.Tests.Cli.InProcessOps;

namespace Ops.Kernel.Tests.Cli;

/// <summary>
/// <c>ops bq</c> on inputs it cannot read: each is refused with the exit code from the table (3),
/// a message naming the input (and line), and no stack trace; a wrong option is a usage error (2).
/// </summary>
public sealed class BigQueryVerbTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ops-bq-cli-").FullName;
    private string P(string name) => Path.Combine(_dir, name);

    public BigQueryVerbTests()
    {
        File.WriteAllText(P("schema.json"), """[{"name": "a", "type": "INTEGER"}]""");
        File.WriteAllText(P("good.json"), "{\"a\": 1}\n{\"a\": 2}\n");
        File.WriteAllText(P("empty.json"), "");
        File.WriteAllText(P("garbage.json"), "this is not json\nnor is this\n");
        File.WriteAllText(P("bad.yaml"), "cloudStorage:\n  standard: [0.02\n");
        Directory.CreateDirectory(P("logs"));
        using (var gz = new GZipStream(File.Create(P("full.json.gz")), CompressionLevel.Optimal))
            for (var i = 0; i < 20_000; i++) gz.Write(System.Text.Encoding.UTF8.GetBytes($"{{\"a\": {i}, \"b\": \"{Guid.NewGuid()}\"}}\n"));
        var bytes = File.ReadAllBytes(P("full.json.gz"));
        File.WriteAllBytes(P("truncated.json.gz"), bytes[..(bytes.Length / 2)]);
    }

    public void Dispose() => Directory.Delete(_dir, true);

    private static void AssertRefused((int Exit, string Out, string Err) r, int code, params string[] named)
    {
        Assert.True(r.Exit == code, $"exit {r.Exit}, expected {code}; stderr: {r.Err}; stdout: {r.Out}");
        foreach (var n in named) Assert.Contains(n, r.Err);
        AssertNoStackTrace(r.Err);
        AssertNoStackTrace(r.Out);
    }

    [Fact]
    public void Check_of_good_files_succeeds_and_a_missing_one_among_them_is_an_error()
    {
        Assert.Equal(0, Run("bq", "check", "--schema", P("schema.json"), "--files", P("good.json"), P("empty.json")).Exit);
        AssertRefused(Run("bq", "check", "--schema", P("schema.json"), "--files", P("good.json"), P("nope.json")), 3, P("nope.json"), "no such file");
        AssertRefused(Run("bq", "check", "--schema", P("schema.json"), "--files", P("*.ndjson")), 3, P("*.ndjson"), "no file matches");
    }

    [Fact]
    public void An_unknown_option_after_files_is_a_usage_error_not_a_file_pattern()
    {
        var r = Run("bq", "check", "--schema", P("schema.json"), "--files", P("good.json"), "--bogus");
        AssertRefused(r, 2, "unknown option '--bogus'", "ops bq check --help");
    }

    [Fact]
    public void Hygiene_refuses_a_missing_file_a_directory_and_a_truncated_gzip()
    {
        AssertRefused(Run("bq", "hygiene", P("nope.tsv")), 3, P("nope.tsv"));
        AssertRefused(Run("bq", "hygiene", P("logs")), 3, P("logs"), "is a directory");
        AssertRefused(Run("bq", "hygiene", P("truncated.json.gz")), 3, P("truncated.json.gz"), "truncated");
        var whole = Run("bq", "hygiene", P("full.json.gz"));
        Assert.True(whole.Exit == 0, whole.Err);
        Assert.Contains("20000 lines, clean", whole.Out);
    }

    [Fact]
    public void Check_of_a_truncated_gzip_is_an_unreadable_input()
    {
        // With rows the schema rejects too (b is unknown to it), so the problem list is full before the end.
        AssertRefused(Run("bq", "check", "--schema", P("schema.json"), "--files", P("truncated.json.gz")), 3, P("truncated.json.gz"), "truncated");
        File.WriteAllText(P("schema-ab.json"), """[{"name": "a", "type": "INTEGER"}, {"name": "b", "type": "STRING"}]""");
        Assert.Equal(0, Run("bq", "check", "--schema", P("schema-ab.json"), "--files", P("full.json.gz")).Exit);
        AssertRefused(Run("bq", "check", "--schema", P("schema-ab.json"), "--files", P("truncated.json.gz")), 3, P("truncated.json.gz"), "truncated");
    }

    [Fact]
    public void Cost_refuses_a_missing_file_and_a_bad_price_table_naming_file_and_line()
    {
        AssertRefused(Run("bq", "cost", "--schema", P("schema.json"), "--files", P("nope.json")), 3, P("nope.json"));
        AssertRefused(Run("bq", "cost", "--schema", P("schema.json"), "--files", P("good.json"), "--prices", P("bad.yaml")), 3, P("bad.yaml") + ":", "not valid YAML");
    }

    [Fact]
    public void Cost_scales_the_sample_to_a_monthly_volume()
    {
        var sample = Run("bq", "cost", "--schema", P("schema.json"), "--files", P("good.json"));
        Assert.Equal(0, sample.Exit);
        var month = Run("bq", "cost", "--schema", P("schema.json"), "--files", P("good.json"), "--volume", "1TiB", "--files-per-month", "720");
        Assert.True(month.Exit == 0, month.Err);
        // 1 TiB of gzip is 1024 GiB in every Cloud Storage class; 720 files.
        Assert.Contains("1024 GiB compressed", month.Out);
        Assert.Contains("720 file(s)", month.Out);
        Assert.DoesNotContain("1024", sample.Out);
        AssertRefused(Run("bq", "cost", "--schema", P("schema.json"), "--files", P("good.json"), "--volume", "lots"), 2, "--volume 'lots'");
    }

    [Fact]
    public void Route_refuses_a_missing_input()
    {
        var config = Path.Combine(Ops.Testing.RepositoryRoot.Path, "notebooks", "data", "bigquery-load-check", "route.yaml");
        AssertRefused(Run("bq", "route", "--config", config, "--out", P("out"), "/nonexistent/x.log"), 3, "/nonexistent/x.log");
        Assert.False(Directory.Exists(P("out")));
    }

    [Fact]
    public void Infer_on_garbage_names_the_file_and_line()
    {
        AssertRefused(Run("bq", "infer", "--files", P("garbage.json")), 3, P("garbage.json") + ":1", "not a JSON object");
    }
}
