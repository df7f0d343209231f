using System.Diagnostics;
using System.Net;
using Ops.Aurora;
using Ops.MySql;
using Ops.Testing;
using Ops.Tests.MySql;
using Xunit.Abstractions;

namespace Ops.Tests.Aurora;

/// <summary>
/// A failover performed at known times between two real MariaDB instances (A writer, B its replica),
/// with loopback relays playing the cluster and reader endpoints, measured by the probe.
/// </summary>
[Collection(MariaDbCollection.Name)]
public class FailoverProbeIntegrationTests(MariaDbPair pair, ITestOutputHelper output)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Probe_measures_the_injected_outage_and_the_read_only_tail()
    {
        var (a, b) = (pair.A, pair.B);
        // Administrative sessions opened up front: the failover steps must take milliseconds, not process spawns.
        await using var adminA = await MySqlSession.OpenAsync(pair.Settings(a) with { User = "root", Password = "", Database = null });
        await using var onB = await MySqlSession.OpenAsync(pair.Settings(b) with { User = "root", Password = "", Database = null });
        await adminA.QueryAsync("SET GLOBAL read_only=0");
        await onB.QueryAsync("SET GLOBAL read_only=1");
        await using var writerEndpoint = new SwitchableEndpoint(a.Port);
        await using var readerEndpoint = new SwitchableEndpoint(b.Port);

        // Before: B replicates A and is caught up.
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            var status = await ReplicationStatus.ReadAsync(onB);
            while (status.SecondsBehindSource != 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
                status = await ReplicationStatus.ReadAsync(onB);
            }
            Assert.True(status.IsReplica);
            Assert.True(status.IoRunning && status.SqlRunning, status.Lag);
            Assert.Equal(0, status.SecondsBehindSource);
        }

        var options = new FailoverProbeOptions
        {
            Writer = pair.Settings(a) with { Host = "127.0.0.1", Port = writerEndpoint.Port },
            Reader = pair.Settings(b) with { Host = "127.0.0.1", Port = readerEndpoint.Port },
            Interval = Interval,
            Duration = TimeSpan.FromSeconds(4),
            Label = "integration",
        };
        var clock = Stopwatch.StartNew();
        var probe = FailoverProbe.RunAsync(options);

        async Task<TimeSpan> At(double seconds)
        {
            var wait = TimeSpan.FromSeconds(seconds) - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            return clock.Elapsed;
        }

        // t=1.0 the writer dies; the reader endpoint points at the replica being promoted: both refuse.
        var down = await At(1.0);
        writerEndpoint.Refuse();
        readerEndpoint.Refuse();
        // t=2.0 the replica is promoted; the old writer is back read-only, and both endpoints still (or now) point at it.
        await At(2.0);
        await onB.QueryAsync("STOP SLAVE");
        await onB.QueryAsync("SET GLOBAL read_only=0");
        await adminA.QueryAsync("SET GLOBAL read_only=1");
        var readerBack = clock.Elapsed;
        writerEndpoint.Forward(a.Port);
        readerEndpoint.Forward(a.Port);
        // 0.8 s later (t=2.8 when the steps above are quick; counted from their end, so a busy machine
        // does not shorten the read-only tail the asserts below expect) the cluster endpoint's DNS
        // finally moves to the new writer.
        var writerBack = await At(readerBack.TotalSeconds + 0.8);
        writerEndpoint.Forward(b.Port);

        var run = await probe;
        var trial = DowntimeAnalysis.Analyze(run);
        output.WriteLine($"injected: writer {(writerBack - down).TotalSeconds:0.000}s (read-only {(writerBack - readerBack).TotalSeconds:0.000}s), reader {(readerBack - down).TotalSeconds:0.000}s");
        output.WriteLine($"measured: writer {trial.Writer.DowntimeSeconds}s (read-only {trial.Writer.ReadOnlySeconds}s), reader {trial.Reader.DowntimeSeconds}s; late starts {run.LateStartFraction:P1}");
        foreach (var role in new[] { ProbeRole.Writer, ProbeRole.Reader })
            output.WriteLine($"{role}: " + string.Join(" ", run.Of(role).Select(x => $"{x.Outcome.Name()}+{x.Lateness.TotalMilliseconds:0}")));

        var tolerance = 2 * Interval.TotalSeconds;
        Assert.InRange(trial.Writer.DowntimeSeconds, (writerBack - down).TotalSeconds - tolerance, (writerBack - down).TotalSeconds + tolerance);
        Assert.InRange(trial.Writer.ReadOnlySeconds, (writerBack - readerBack).TotalSeconds - tolerance, (writerBack - readerBack).TotalSeconds + tolerance);
        Assert.InRange(trial.Reader.DowntimeSeconds, (readerBack - down).TotalSeconds - tolerance, (readerBack - down).TotalSeconds + tolerance);
        Assert.True(trial.Writer.OutcomeCounts.ContainsKey(AttemptOutcome.Refused));
        Assert.True(trial.Writer.OutcomeCounts[AttemptOutcome.ReadOnly] >= 5);
        Assert.Equal($"{Hostname(run)}:{a.Port}", trial.Writer.InstanceBefore);
        Assert.Equal($"{Hostname(run)}:{b.Port}", trial.Writer.InstanceAfter);
        Assert.True(run.LateStartFraction < 0.05, $"{run.LateStartFraction:P1} of attempts started late at a 100 ms interval");
        Assert.Equal(80, run.Attempts.Count);

        // After: B is no longer replicating, its lag is unknown (NULL), not 0.
        var after = await ReplicationStatus.ReadAsync(onB);
        Assert.True(after.IsReplica);
        Assert.False(after.SqlRunning);
        Assert.Null(after.SecondsBehindSource);

        // Leave the pair as other tests expect it: A writable, B read-only.
        await onB.QueryAsync("SET GLOBAL read_only=1");
        await adminA.QueryAsync("SET GLOBAL read_only=0");
    }

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Binlog_position_advances_with_a_write()
    {
        var writable = pair.A.Sql("SELECT @@global.read_only") == "0" ? pair.A : pair.B;
        await using var root = await MySqlSession.OpenAsync(pair.Settings(writable) with { User = "root", Password = "" });
        var before = await BinlogPosition.ReadAsync(root);
        Assert.NotNull(before);
        Assert.StartsWith("binlog.", before.File);
        await root.QueryAsync("UPDATE test SET col=col+1");
        var after = await BinlogPosition.ReadAsync(root);
        Assert.True(after!.Position > before.Position || after.File != before.File, $"{before} -> {after}");
    }

    private static string Hostname(ProbeRun run) => run.Attempts.First(x => x.Instance is not null).Instance!.Hostname;

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Probe_records_typed_failures_for_wrong_password_and_closed_port()
    {
        var closed = FreePort.Tcp();
        var run = await FailoverProbe.RunAsync(new FailoverProbeOptions
        {
            Writer = pair.Settings(pair.A, password: "wrong"),
            Reader = pair.Settings(pair.A) with { Port = closed },
            Interval = Interval,
            Count = 3,
        });
        Assert.All(run.Of(ProbeRole.Writer), x => Assert.Equal((AttemptOutcome.Auth, 1045), (x.Outcome, x.ErrorCode!.Value)));
        Assert.All(run.Of(ProbeRole.Reader), x => Assert.Equal(AttemptOutcome.Refused, x.Outcome));
        Assert.All(run.Attempts, x => Assert.Equal(["127.0.0.1"], x.ResolvedAddresses));
        Assert.All(run.Attempts, x => Assert.DoesNotContain("wrong", x.Message));
    }

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Pooled_mode_reuses_one_connection_until_it_fails()
    {
        var run = await FailoverProbe.RunAsync(new FailoverProbeOptions
        {
            Writer = pair.Settings(pair.A),
            Interval = TimeSpan.FromMilliseconds(50),
            Count = 5,
            Pooled = true,
            Resolve = (_, _) => ValueTask.FromResult(new[] { new IPEndPoint(IPAddress.Loopback, pair.A.Port) }),
        });
        var attempts = run.Of(ProbeRole.Writer).ToList();
        Assert.Equal(5, attempts.Count);
        Assert.NotNull(attempts[0].ConnectMs);
        Assert.All(attempts.Skip(1), x => Assert.Null(x.ConnectMs));
        Assert.All(attempts, x => Assert.NotNull(x.Instance));
    }
}
