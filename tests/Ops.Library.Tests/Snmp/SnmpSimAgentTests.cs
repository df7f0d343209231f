using Ops.Snmp;
using Ops.Testing;
using Ops.Wireless;

namespace Ops.Tests.Snmp;

/// <summary>Our client against snmpsimd serving two generated WLCs, compared with net-snmp's tools.</summary>
public sealed class SnmpSimAgentTests : IClassFixture<SnmpSimAgentTests.Agents>
{
    public sealed class Agents : IDisposable
    {
        private SnmpSimAgent? _agent;
        public string DataDir { get; } = Directory.CreateTempSubdirectory("ops-wlcdata-").FullName;

        public SnmpSimAgent Agent => _agent ??= Start();

        private SnmpSimAgent Start()
        {
            SimulatedWlc.WriteSnmprec(DataDir);
            return SnmpSimAgent.Start(DataDir);
        }

        public void Dispose()
        {
            _agent?.Dispose();
            try { Directory.Delete(DataDir, true); } catch (IOException) { }
        }
    }

    private readonly Agents _agents;
    public SnmpSimAgentTests(Agents agents) => _agents = agents;

    private SnmpClient Client(string community = "WLC1", SnmpVersion version = SnmpVersion.V2c) =>
        new(new SnmpTarget("127.0.0.1", _agents.Agent.Port) { Community = community, Version = version, Timeout = TimeSpan.FromSeconds(3), Retries = 1 });

    [PeerFact("snmpsimd", "snmpbulkwalk")]
    public async Task Walk_of_ap_names_prints_the_same_lines_as_snmpbulkwalk()
    {
        await using var client = Client();
        var ours = await client.WalkAsync(AirespaceOids.ApName);
        var theirs = NetSnmpTool.Run("snmpbulkwalk", "-v2c", "-c", "WLC1", "-Cr50", $"127.0.0.1:{_agents.Agent.Port}", AirespaceOids.ApName.ToString());
        Assert.Equal(64, ours.VarBinds.Count);
        Assert.Equal(theirs, ours.Lines.ToList());
        Assert.Equal(WalkEnd.EndOfSubtree, ours.End);
        Assert.Null(ours.Problem);
    }

    [PeerFact("snmpsimd", "snmpbulkwalk")]
    public async Task Walk_of_the_whole_ap_table_matches_snmpbulkwalk_in_numeric_form()
    {
        await using var client = Client("WLC2");
        var root = Oid.Parse("1.3.6.1.4.1.14179.2.2.1");
        var ours = await client.WalkAsync(root, maxRepetitions: 20);
        var theirs = NetSnmpTool.Run("snmpbulkwalk", "-On", "-v2c", "-c", "WLC2", "-Cr20", $"127.0.0.1:{_agents.Agent.Port}", root.ToString());
        Assert.Equal(theirs, ours.VarBinds.Select(v => v.ToNumericString()).ToList());
        Assert.Equal(63 * 3, ours.VarBinds.Count);
    }

    [PeerFact("snmpsimd")]
    public async Task V1_walk_by_getnext_returns_what_the_v2c_bulk_walk_returns()
    {
        await using var v1 = Client("WLC1", SnmpVersion.V1);
        await using var v2 = Client("WLC1");
        var a = await v1.WalkAsync(AirespaceOids.IfOperStatus);
        var b = await v2.WalkAsync(AirespaceOids.IfOperStatus);
        Assert.Equal(b.Lines, a.Lines);
        Assert.Equal(128, a.VarBinds.Count);
        Assert.True(a.Requests > b.Requests, $"GETNEXT took {a.Requests} PDUs, GETBULK {b.Requests}");
    }

    [PeerFact("snmpsimd", "snmpget")]
    public async Task Set_through_writecache_is_read_back_by_net_snmp()
    {
        await using var client = Client("WLC2");
        var walk = await client.WalkAsync(AirespaceOids.IfPhyChannelNumber, 5);
        Assert.True(walk.VarBinds.Count == 126, $"{walk.VarBinds.Count} rows, end {walk.End}, {walk.Problem}, discarded {client.PacketsDiscarded}: {client.LastDiscardReason}\n{walk}");
        var first = walk.VarBinds[1].Oid;
        await client.SetAsync([new VarBind(first, SnmpValue.Integer(44))]);
        var theirs = NetSnmpTool.Run("snmpget", "-v2c", "-c", "WLC2", $"127.0.0.1:{_agents.Agent.Port}", first.ToString());
        Assert.Equal([$"{first.ToNetSnmpString()} = INTEGER: 44"], theirs);
        Assert.Equal(44, (await client.GetAsync(first)).Value.Number);
    }

    [PeerFact("snmpsimd")]
    public async Task Wrong_community_times_out_with_a_message_naming_the_agent()
    {
        await using var client = new SnmpClient(new SnmpTarget("127.0.0.1", _agents.Agent.Port) { Community = "nosuch", Timeout = TimeSpan.FromMilliseconds(300), Retries = 0 });
        var e = await Assert.ThrowsAsync<SnmpTimeoutException>(() => client.GetAsync(AirespaceOids.ApName.Append(0)));
        Assert.Contains($"127.0.0.1:{_agents.Agent.Port}", e.Message);
        Assert.DoesNotContain("nosuch", e.Message);
    }

    [PeerFact("snmpsimd")]
    public async Task Overview_of_both_controllers_lists_every_radio_of_the_127_aps()
    {
        await using var wlc = new Wlc([
            new SnmpWlcSource("WLC1", Client("WLC1")),
            new SnmpWlcSource("WLC2", Client("WLC2")),
        ]);
        var overview = await wlc.OverviewAsync();
        Assert.Empty(overview.Problems);
        Assert.Equal(254, overview.Rows.Count);
        Assert.Equal(127, overview.Rows.Select(r => r.Name).Distinct().Count());
        Assert.Equal("AP001", overview.Rows[0].Name);
        Assert.Equal(["WLC1", "WLC2"], overview.Rows.Select(r => r.Controller).Distinct().Order().ToArray());
        Assert.All(overview.Rows, r => Assert.True(r.Channel > 0 && r.TxPower > 0 && r.Utilization.HasValue, $"{r} misses a column"));
        Assert.Equal(6, overview.Rows.Count(r => r.OperStatus == "DOWN"));
        var map = await wlc.MapAsync();
        Assert.Equal(127, map.Entries.Count);
        Assert.Empty(map.Problems);
    }
}
