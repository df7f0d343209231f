using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ops.Snmp;

namespace Ops.Tests.Snmp;

public sealed class SnmpClientTests
{
    private static readonly Oid Root = Oid.Parse("1.3.6.1.4.1.14179.2.2.1.1.3");

    [Fact]
    public async Task Responses_with_a_wrong_request_id_or_community_are_dropped_and_the_right_one_accepted()
    {
        using var agent = new FakeAgent(req =>
        [
            FakeAgent.Response(req, [new VarBind(Root.Append(1), SnmpValue.OctetString("forged"))], requestId: req.Pdu.RequestId + 1),
            FakeAgent.Response(req, [new VarBind(Root.Append(1), SnmpValue.OctetString("forged"))], community: "other"),
            [0x30, 0x84, 0x7f, 0xff, 0xff, 0xff],
            FakeAgent.Response(req, [new VarBind(Root.Append(1), SnmpValue.OctetString("AP1"))]),
        ]);
        await using var client = agent.Client();
        var vb = await client.GetAsync(Root.Append(1));
        Assert.Equal("AP1", vb.Value.AsString());
        // Give the receive loop a moment to count anything after the good answer, then check the three bad ones were counted.
        var until = DateTime.UtcNow.AddSeconds(2);
        while (client.PacketsDiscarded < 3 && DateTime.UtcNow < until) await Task.Delay(10);
        Assert.True(client.PacketsDiscarded >= 2, $"discarded {client.PacketsDiscarded}: {client.LastDiscardReason}");
    }

    [Fact]
    public async Task A_closed_port_times_out_cleanly_after_the_configured_retries()
    {
        int port;
        using (var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)s.LocalEndPoint!).Port;
        }
        await using var client = new SnmpClient(new SnmpTarget("127.0.0.1", port) { Timeout = TimeSpan.FromMilliseconds(200), Retries = 2 });
        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<SnmpTimeoutException>(() => client.GetAsync(Root));
        Assert.InRange(watch.ElapsedMilliseconds, 550, 3000);
        Assert.Equal(3, client.RequestsSent);
        Assert.Contains($"127.0.0.1:{port}", e.Message);
        Assert.Contains("3 attempt(s)", e.Message);
    }

    [Fact]
    public async Task Walk_stops_at_a_non_increasing_oid_and_reports_it()
    {
        using var agent = new FakeAgent(req => [FakeAgent.Response(req, [new VarBind(Root.Append(5), SnmpValue.Integer(1)), new VarBind(Root.Append(5), SnmpValue.Integer(1))])]);
        await using var client = agent.Client();
        var walk = await client.WalkAsync(Root);
        Assert.Equal(WalkEnd.NonIncreasingOid, walk.End);
        Assert.Single(walk.VarBinds);
        Assert.Contains("not increasing", walk.Problem);
        Assert.Equal(1, agent.Requests);
    }

    [Fact]
    public async Task Walk_stops_at_end_of_mib_view()
    {
        using var agent = new FakeAgent(req => [FakeAgent.Response(req, [new VarBind(Root.Append(1), SnmpValue.Integer(1)), new VarBind(Root.Append(1), SnmpValue.EndOfMibView)])]);
        await using var client = agent.Client();
        var walk = await client.WalkAsync(Root);
        Assert.Equal(WalkEnd.EndOfMibView, walk.End);
        Assert.Single(walk.VarBinds);
    }

    [Fact]
    public async Task TooBig_shrinks_max_repetitions_until_the_answer_fits()
    {
        var seen = new List<int>();
        using var agent = new FakeAgent(req =>
        {
            lock (seen) seen.Add(req.Pdu.MaxRepetitions);
            if (req.Pdu.MaxRepetitions > 10) return [FakeAgent.Response(req, [], status: ErrorStatus.TooBig)];
            var start = req.Pdu.VarBinds[0].Oid.Equals(Root) ? 0u : req.Pdu.VarBinds[0].Oid[^1];
            return [FakeAgent.Response(req, Enumerable.Range(1, req.Pdu.MaxRepetitions).Select(i => new VarBind(start + i <= 20 ? Root.Append(start + (uint)i) : Oid.Parse("1.3.6.1.4.1.14179.3"), SnmpValue.Integer(i))).ToList())];
        });
        await using var client = agent.Client();
        var walk = await client.WalkAsync(Root, maxRepetitions: 50);
        Assert.Equal(20, walk.VarBinds.Count);
        Assert.Equal(WalkEnd.EndOfSubtree, walk.End);
        Assert.Equal([50, 25, 12, 6, 6, 6, 6], seen.ToArray());
    }

    [Fact]
    public async Task V1_walk_uses_getnext_and_ends_on_no_such_name()
    {
        using var agent = new FakeAgent(req =>
        {
            Assert.Equal(PduType.GetNextRequest, req.Pdu.Type);
            var at = req.Pdu.VarBinds[0].Oid.Equals(Root) ? 0u : req.Pdu.VarBinds[0].Oid[^1];
            return at >= 3 ? [FakeAgent.Response(req, req.Pdu.VarBinds, status: ErrorStatus.NoSuchName, index: 1)]
                : [FakeAgent.Response(req, [new VarBind(Root.Append(at + 1), SnmpValue.Integer((int)at))])];
        });
        await using var client = agent.Client(version: SnmpVersion.V1);
        var walk = await client.WalkAsync(Root);
        Assert.Equal(3, walk.VarBinds.Count);
        Assert.Equal(WalkEnd.EndOfMibView, walk.End);
    }

    [Fact]
    public async Task Cancellation_stops_a_request_waiting_for_an_answer()
    {
        using var agent = new FakeAgent(_ => []);
        await using var client = agent.Client(timeoutMs: 10_000);
        using var cts = new CancellationTokenSource(100);
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync([Root], cts.Token));
        Assert.True(watch.ElapsedMilliseconds < 2000);
    }

    [Fact]
    public async Task Concurrent_requests_on_one_client_each_get_their_own_answer()
    {
        using var agent = new FakeAgent(req => [FakeAgent.Response(req, [new VarBind(req.Pdu.VarBinds[0].Oid, SnmpValue.Integer((int)req.Pdu.VarBinds[0].Oid[^1]))])]);
        await using var client = agent.Client(timeoutMs: 2000, retries: 1);
        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => client.GetAsync(Root.Append((uint)i))));
        Assert.Equal(Enumerable.Range(0, 200), results.Select(r => (int)r.Value.Number));
    }

    [Fact]
    public async Task Error_status_names_the_failing_oid()
    {
        using var agent = new FakeAgent(req => [FakeAgent.Response(req, req.Pdu.VarBinds, status: ErrorStatus.NotWritable, index: 1)]);
        await using var client = agent.Client();
        var e = await Assert.ThrowsAsync<SnmpErrorException>(() => client.SetAsync([new VarBind(Root.Append(9), SnmpValue.Integer(1))]));
        Assert.Equal(ErrorStatus.NotWritable, e.Status);
        Assert.Contains(Root.Append(9).ToString(), e.Message);
    }
}
