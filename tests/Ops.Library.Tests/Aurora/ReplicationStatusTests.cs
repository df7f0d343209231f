using Ops.Aurora;
using Ops.MySql;

namespace Ops.Tests.Aurora;

public class ReplicationStatusTests
{
    private static MySqlResult Result(string[] columns, params string?[][] rows) =>
        new([new MySqlResultSet(columns.Select(c => new MySqlColumn(c, "VARCHAR", typeof(string))).ToList(), rows.Select(r => r.Cast<object?>().ToArray()).ToList())], 0, TimeSpan.Zero);

    [Fact]
    public void Null_seconds_behind_is_unknown_not_zero()
    {
        var stopped = ReplicationStatus.Parse(Result(["Slave_IO_Running", "Slave_SQL_Running", "Seconds_Behind_Master", "Last_SQL_Error"], ["Yes", "No", null, "Duplicate entry"]));
        Assert.True(stopped.IsReplica);
        Assert.Null(stopped.SecondsBehindSource);
        Assert.StartsWith("unknown", stopped.Lag);
        Assert.Contains("Duplicate entry", stopped.Lag);

        var caughtUp = ReplicationStatus.Parse(Result(["Replica_IO_Running", "Replica_SQL_Running", "Seconds_Behind_Source"], ["Yes", "Yes", "0"]));
        Assert.Equal(0, caughtUp.SecondsBehindSource);
        Assert.True(caughtUp.IoRunning && caughtUp.SqlRunning);
        Assert.Equal("caught up (0 s)", caughtUp.Lag);
    }

    [Fact]
    public void Empty_result_is_not_a_replica() =>
        Assert.False(ReplicationStatus.Parse(Result(["Slave_IO_Running"])).IsReplica);
}
