using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ops.Aurora;
using Ops.MySql;
using Ops.Testing;

namespace Ops.Tests.Aurora;

/// <summary>Probe behaviour that needs no database: bounds, cancellation, timeouts, resolver.</summary>
public class FailoverProbeTests
{
    private static MySqlSettings Closed(int port) => new() { Host = "127.0.0.1", Port = port, User = "probe", Password = "pw", Database = "d" };

    [Fact]
    public void Interval_below_50_ms_is_rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => FailoverProbe.Run(new FailoverProbeOptions { Writer = Closed(1), Interval = TimeSpan.FromMilliseconds(20) }));
        Assert.Contains("50 ms", ex.Message);
    }

    [Fact]
    public void Unbounded_probe_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => FailoverProbe.Run(new FailoverProbeOptions { Writer = Closed(1), Duration = null }));
    }

    [Fact]
    public async Task Cancellation_stops_the_loops_and_keeps_the_attempts_so_far()
    {
        // Cancel once a few attempts are in (a wall-clock cancel could fire before the first on a loaded machine).
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var reported = 0;
        var clock = Stopwatch.StartNew();
        var run = await FailoverProbe.RunAsync(new FailoverProbeOptions
        {
            Writer = Closed(FreePort.Tcp()),
            Reader = Closed(FreePort.Tcp()),
            Interval = TimeSpan.FromMilliseconds(50),
            Duration = TimeSpan.FromMinutes(5),
            OnAttempt = _ => { if (Interlocked.Increment(ref reported) == 6) cts.Cancel(); },
        }, cts.Token);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.InRange(run.Attempts.Count, 6, 12);
        Assert.NotEmpty(run.Of(ProbeRole.Writer));
        Assert.All(run.Attempts, a => Assert.Equal(AttemptOutcome.Refused, a.Outcome));
    }

    [Fact]
    public async Task Server_that_accepts_but_never_answers_is_a_timeout_and_does_not_delay_the_schedule()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // the kernel completes connects; nobody ever sends a greeting
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var run = await FailoverProbe.RunAsync(new FailoverProbeOptions
        {
            Writer = Closed(port) with { HandshakeTimeout = TimeSpan.FromMilliseconds(300) },
            Interval = TimeSpan.FromMilliseconds(100),
            Count = 4,
        });
        var attempts = run.Of(ProbeRole.Writer).ToList();
        Assert.Equal(4, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(AttemptOutcome.Timeout, a.Outcome));
        Assert.All(attempts, a => Assert.True(a.TotalMs >= 250, $"timed out after {a.TotalMs} ms"));
        // Attempts overlap instead of queueing behind the 300 ms timeouts: a later one starts while an earlier one still waits.
        Assert.Contains(attempts.Zip(attempts.Skip(1)), p => p.Second.StartedAt < p.First.StartedAt + TimeSpan.FromMilliseconds(p.First.TotalMs));
    }

    [Fact]
    public async Task The_attempt_deadline_ends_an_attempt_whatever_phase_it_is_in()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // connects complete; the greeting never comes
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var run = await FailoverProbe.RunAsync(new FailoverProbeOptions
        {
            // Phase limits far beyond the deadline: only the deadline can end these attempts.
            Writer = Closed(port) with { HandshakeTimeout = TimeSpan.FromSeconds(30), QueryTimeout = TimeSpan.FromSeconds(30) },
            AttemptTimeout = TimeSpan.FromMilliseconds(300),
            Interval = TimeSpan.FromMilliseconds(100),
            Count = 2,
        });
        var attempts = run.Of(ProbeRole.Writer).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, a =>
        {
            Assert.Equal(AttemptOutcome.Timeout, a.Outcome);
            Assert.Contains("connect and handshake: the attempt deadline of 300 ms passed", a.Message);
            Assert.InRange(a.TotalMs, 250, 2000);
        });
    }

    [Fact]
    public async Task Custom_resolver_is_recorded_per_attempt()
    {
        var port = FreePort.Tcp();
        var calls = 0;
        var run = await FailoverProbe.RunAsync(new FailoverProbeOptions
        {
            Writer = Closed(port) with { Host = "writer.invalid" },
            Interval = TimeSpan.FromMilliseconds(50),
            Count = 3,
            Resolve = (_, _) =>
            {
                var n = Interlocked.Increment(ref calls);
                return ValueTask.FromResult(new[] { new IPEndPoint(n == 1 ? IPAddress.Loopback : IPAddress.Parse("127.0.0.2"), port) });
            },
        });
        Assert.Equal(3, calls);
        var changes = DowntimeAnalysis.DnsChanges(run.Attempts);
        Assert.Equal(["127.0.0.1"], Assert.Single(changes).From);
    }

    [Fact]
    public async Task Unresolvable_name_is_an_other_failure_naming_the_host()
    {
        var run = await FailoverProbe.RunAsync(new FailoverProbeOptions
        {
            Writer = Closed(3306) with { Host = "no-such-host.invalid", ConnectTimeout = TimeSpan.FromSeconds(2) },
            Interval = TimeSpan.FromMilliseconds(50),
            Count = 1,
        });
        var attempt = Assert.Single(run.Attempts);
        Assert.Contains(attempt.Outcome, new[] { AttemptOutcome.Other, AttemptOutcome.Timeout });
        Assert.Contains("no-such-host.invalid", attempt.Message);
    }
}
