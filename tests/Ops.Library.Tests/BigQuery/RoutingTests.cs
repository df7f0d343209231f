using System.IO.Compression;
using System.Text.Json;
using Ops.BigQuery;

namespace Ops.Tests.BigQuery;

public class RoutingTests
{
    private const string Config = """
        window: 1h
        timeZone: "+09:00"
        meta: [host, time]
        time: meta.time
        addMeta: true
        routes:
          - hdfs: /user/game/applog/{table}
            bucket: game-applog
            object: "{table}/dt={yyyy}-{MM}-{dd}/{HH}"
        """;

    private static List<JsonElement> Rows(string path)
    {
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    [Fact]
    public void Lines_are_split_by_path_and_hour_and_ltsv_becomes_json()
    {
        var dir = Ndjson.TempDir();
        var input = Path.Combine(dir, "app.log");
        File.WriteAllLines(input,
        [
            "/user/game/applog/login\tweb01\t2019-10-01 00:59:59\t{\"user_id\":1}",
            "/user/game/applog/login\tweb02\t2019-10-01 01:00:00\t{\"user_id\":2}",
            "/user/game/applog/purchase\tweb01\t2019-10-01 00:10:00\tuser_id:3\titem:sku-1\tnote:a:b",
            "/user/other/x\tweb01\t2019-10-01 00:10:00\t{}",
            "/user/game/applog/login\tweb01\tnot-a-time\t{}",
        ]);
        var report = LogRouter.Run(RouteConfig.Parse(Config), [input], Path.Combine(dir, "out"));
        Assert.Equal(["game-applog/login/dt=2019-10-01/00.json.gz", "game-applog/login/dt=2019-10-01/01.json.gz", "game-applog/purchase/dt=2019-10-01/00.json.gz"],
            report.Objects.Select(o => o.Bucket + "/" + o.Object));
        Assert.Equal([("unrouted", 4L), ("bad_time", 5L)], report.Problems.Select(p => (p.Rule, p.Line)));
        var purchase = Assert.Single(Rows(report.Objects[2].LocalPath));
        Assert.Equal("sku-1", purchase.GetProperty("item").GetString());
        Assert.Equal("a:b", purchase.GetProperty("note").GetString());
        Assert.Equal("web01", purchase.GetProperty("_host").GetString());
        Assert.Equal(2, Rows(report.Objects[1].LocalPath)[0].GetProperty("user_id").GetInt32());
    }

    [Fact]
    public void An_object_appears_only_whole_and_an_unfinished_run_leaves_nothing()
    {
        var dir = Ndjson.TempDir();
        var output = Path.Combine(dir, "out");
        var target = Path.Combine(output, "game-applog", "login", "dt=2019-10-01", "00.json.gz");
        using (var router = new LogRouter(RouteConfig.Parse(Config), output))
        {
            router.Route("app.log", 1, "/user/game/applog/login\tweb01\t2019-10-01 00:59:59\t{\"user_id\":1}");
            // While the window is open its rows go to a hidden partial file, not to the object's name.
            Assert.False(File.Exists(target));
            Assert.Single(Directory.GetFiles(output, "*.partial", SearchOption.AllDirectories));
            var report = router.Finish();
            Assert.Equal(target, Assert.Single(report.Objects).LocalPath);
        }
        Assert.Equal(1, Rows(target)[0].GetProperty("user_id").GetInt32());
        Assert.Empty(Directory.GetFiles(output, "*.partial", SearchOption.AllDirectories));

        var cancelled = Path.Combine(dir, "cancelled");
        using (var router = new LogRouter(RouteConfig.Parse(Config), cancelled))
            router.Route("app.log", 1, "/user/game/applog/login\tweb01\t2019-10-01 00:59:59\t{}");
        Assert.Empty(Directory.GetFiles(cancelled, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Utc_times_fall_into_jst_windows()
    {
        Assert.True(LogRouter.TryParseTime("2019-09-30T15:30:00Z", TimeSpan.FromHours(9), out var t));
        Assert.Equal(new DateTimeOffset(2019, 10, 1, 0, 30, 0, TimeSpan.FromHours(9)), t);
        Assert.True(LogRouter.TryParseTime("[01/Oct/2019:00:30:00 +0900]", TimeSpan.Zero, out var apache));
        Assert.Equal(t, apache);
        Assert.True(LogRouter.TryParseTime("1569857400", TimeSpan.Zero, out var epoch));
        Assert.Equal(t, epoch);
    }

    [Fact]
    public void Routed_output_passes_the_load_check()
    {
        var dir = Ndjson.TempDir();
        var input = Path.Combine(dir, "app.log");
        File.WriteAllLines(input, Enumerable.Range(0, 100).Select(i => $"/user/game/applog/login\tweb01\t2019-10-01 0{i / 40}:{i % 40:D2}:00\tuser_id:{i}"));
        var report = LogRouter.Run(RouteConfig.Parse(Config), [input], Path.Combine(dir, "out"));
        var schema = TableSchema.FromSpreadsheet("column,type,mode\n_host,STRING,\n_time,DATETIME,\nuser_id,INTEGER,REQUIRED\n");
        var check = JsonLoadCheck.Validate(schema, report.Objects.Select(o => o.LocalPath));
        Assert.False(check.WouldFail, check.ToPlainText());
        Assert.Equal(100, check.Rows);
        Assert.Equal(3, report.Objects.Count);
    }

    [Fact]
    public void Config_errors_say_what_to_fix()
    {
        var e = Assert.Throws<FormatException>(() => RouteConfig.Parse("window: 7m\nroutes: [{hdfs: /a, bucket: b, object: c}]"));
        Assert.Contains("divide a day", e.Message);
        Assert.Throws<FormatException>(() => RouteConfig.Parse("time: meta.time\nroutes: [{hdfs: /a, bucket: b, object: c}]"));
    }
}
