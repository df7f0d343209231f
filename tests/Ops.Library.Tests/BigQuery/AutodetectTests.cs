using System.Text;
using Ops.BigQuery;

namespace Ops.Tests.BigQuery;

public class AutodetectTests
{
    [Fact]
    public void Version_3_0_then_3_0_1_fails_under_autodetect_and_string_is_recommended()
    {
        var dir = Ndjson.TempDir();
        var sb = new StringBuilder();
        for (var i = 1; i <= 600; i++) sb.Append($"{{\"id\":{i},\"version\":\"{(i <= 550 ? "3.0" : "3.0.1")}\"}}\n");
        var path = Ndjson.WriteGzip(dir, "app.json.gz", sb.ToString());
        var trap = AutodetectTrap.Run([path]);
        Assert.Equal(BqType.Float64, trap.Detected.Find("version")!.Type);
        Assert.Equal(BqType.String, trap.Recommended.Find("version")!.Type);
        Assert.True(trap.WouldFail);
        Assert.Equal(50, trap.Check.BadRecords);
        var first = trap.Check.Errors.First();
        Assert.Equal((551L, "version", LoadRule.Float64Invalid, "\"3.0.1\""), (first.Line, first.Path, first.Rule, first.Value));
        Assert.Equal(("version", "version FLOAT NULLABLE", "version STRING NULLABLE"), Assert.Single(trap.Changes));
        // And the recommended schema loads every row.
        Assert.False(JsonLoadCheck.Validate(trap.Recommended, [path]).WouldFail);
    }

    [Fact]
    public void Inference_widens_integer_to_float_and_conflicting_dates_to_string()
    {
        var inf = new SchemaInference();
        foreach (var line in new[]
                 {
                     """{"n":1,"q":"5","b":"true","d":"2019-10-01","t":"12:00:00","ts":"2019-10-01 12:00:00","mix":"2019-10-01","arr":[1,2],"r":{"x":1}}""",
                     """{"n":2.5,"q":"6","b":false,"d":"2019-10-02","t":"13:00:00","ts":"2019-10-01T12:00:00Z","mix":"12:00:00","arr":[3],"r":{"y":"a"}}""",
                 })
            inf.Add(Encoding.UTF8.GetBytes(line));
        var s = inf.ToSchema();
        string T(string name) => s.Find(name)!.ToString();
        Assert.Equal("n FLOAT NULLABLE", T("n"));
        Assert.Equal("q INTEGER NULLABLE", T("q"));
        Assert.Equal("b BOOLEAN NULLABLE", T("b"));
        Assert.Equal("d DATE NULLABLE", T("d"));
        Assert.Equal("t TIME NULLABLE", T("t"));
        Assert.Equal("ts TIMESTAMP NULLABLE", T("ts"));
        Assert.Equal("mix STRING NULLABLE", T("mix"));
        Assert.Equal("arr INTEGER REPEATED", T("arr"));
        Assert.Equal(["x", "y"], s.Find("r")!.Fields.Select(f => f.Name));
    }
}
