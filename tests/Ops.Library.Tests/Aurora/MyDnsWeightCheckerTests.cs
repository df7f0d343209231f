using Ops.Aurora.MyDns;

namespace Ops.Tests.Aurora;

/// <summary>The seed's four record tables (通常時, Writer候補再起動時, Writer切り替え後, 旧Writer復帰時) in order.</summary>
public class MyDnsWeightCheckerTests
{
    private static readonly MyDnsEndpoints Names = new("aurora-test-w", "aurora-test-r");
    private const string I1 = "aurora-test-instance-01", I2 = "aurora-test-instance-02", I3 = "aurora-test-instance-03";

    private static readonly MyDnsRecord[] Normal =
    [
        new("aurora-test-w", I1, 100),
        new("aurora-test-r", I2, 100),
        new("aurora-test-r", I3, 100),
        new("aurora-test-r", I1, 0),
    ];

    private static string[] Rows(MyDnsCheck check) =>
        check.ToTable().Rows.Select(r => string.Join(" ", r.Select(c => c?.ToString()))).ToArray();

    [Fact]
    public void Normal_state_needs_no_change()
    {
        var check = MyDnsWeightChecker.Check([new(I1, true, false), new(I2, true, true), new(I3, true, true)], Normal, Names);
        Assert.Empty(check.Changes);
        Assert.Equal(
        [
            $"aurora-test-w {I1} 0 100",
            $"aurora-test-r {I2} 1 100",
            $"aurora-test-r {I3} 1 100",
            $"aurora-test-r {I1} 0 0",
        ], Rows(check));
    }

    [Fact]
    public void Seed_failover_timeline_reproduces_all_four_tables()
    {
        // Writer candidate 03 restarts: its reader weight drops to 0.
        var restarting = MyDnsWeightChecker.Check([new(I1, true, false), new(I2, true, true), new(I3, false, true)], Normal, Names);
        Assert.Equal(
        [
            $"aurora-test-w {I1} 0 100",
            $"aurora-test-r {I2} 1 100",
            $"aurora-test-r {I3} 1 0",
            $"aurora-test-r {I1} 0 0",
        ], Rows(restarting));
        var change = Assert.Single(restarting.Changes);
        Assert.Equal((MyDnsChangeKind.SetWeight, I3, 100, 0), (change.Kind, change.Instance, change.PreviousWeight!.Value, change.Weight));

        // 03 comes back writable: the writer record is replaced; 01 (old writer, restarting) gets 0.
        var switched = MyDnsWeightChecker.Check([new(I1, false, true), new(I2, true, true), new(I3, true, false)], restarting.Records, Names);
        Assert.Equal(
        [
            $"aurora-test-w {I3} 0 100",
            $"aurora-test-r {I2} 1 100",
            $"aurora-test-r {I3} 0 0",
            $"aurora-test-r {I1} 1 0",
        ], Rows(switched));
        Assert.Contains(switched.Changes, c => c.Kind == MyDnsChangeKind.ReplaceWriter && c.PreviousInstance == I1 && c.Instance == I3);

        // The old writer answers again, read-only: it serves reads at full weight.
        var back = MyDnsWeightChecker.Check([new(I1, true, true), new(I2, true, true), new(I3, true, false)], switched.Records, Names);
        Assert.Equal(
        [
            $"aurora-test-w {I3} 0 100",
            $"aurora-test-r {I2} 1 100",
            $"aurora-test-r {I3} 0 0",
            $"aurora-test-r {I1} 1 100",
        ], Rows(back));
        Assert.Equal((MyDnsChangeKind.SetWeight, I1, 0, 100), Assert.Single(back.Changes) is var c ? (c.Kind, c.Instance, c.PreviousWeight!.Value, c.Weight) : default);
    }

    [Fact]
    public void Writer_takes_reads_when_no_reader_responds()
    {
        var check = MyDnsWeightChecker.Check([new(I1, true, false), new(I2, false, true), new(I3, false, true)], Normal, Names);
        Assert.Equal(100, check.Records.Single(r => r.Name == "aurora-test-r" && r.Instance == I1).Weight);
        Assert.Equal(0, check.Records.Single(r => r.Name == "aurora-test-r" && r.Instance == I2).Weight);
        Assert.Equal(3, check.Changes.Count);
    }

    [Fact]
    public void No_writable_instance_keeps_the_writer_record()
    {
        var check = MyDnsWeightChecker.Check([new(I1, false, false), new(I2, true, true), new(I3, true, true)], Normal, Names);
        Assert.Equal(I1, check.Records.Single(r => r.Name == "aurora-test-w").Instance);
        Assert.DoesNotContain(check.Changes, c => c.Kind == MyDnsChangeKind.ReplaceWriter);
    }

    [Fact]
    public void Adapter_dry_run_produces_escaped_statements()
    {
        var table = new MyDnsTable();
        var statements = table.Statements(
        [
            new MyDnsChange(MyDnsChangeKind.ReplaceWriter, "aurora-test-w", I3, I1, 100, 100, "failover"),
            new MyDnsChange(MyDnsChangeKind.SetWeight, "aurora-test-r", "it's", "it's", 100, 0, "down"),
        ]);
        Assert.Equal("UPDATE `rr` SET `data`='aurora-test-instance-03' WHERE `name`='aurora-test-w' AND `data`='aurora-test-instance-01'", statements[0]);
        Assert.Equal("UPDATE `rr` SET `weight`=0 WHERE `name`='aurora-test-r' AND `data`='it\\'s'", statements[1]);
        Assert.Equal("'a\\\\b\\0\\n'", MyDnsTable.Literal("a\\b\0\n"));
    }
}
