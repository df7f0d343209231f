using Ops.Snmp;
using Ops.Testing;

namespace Ops.Tests.Snmp;

/// <summary>SNMPv3 USM against net-snmp's snmpd, an independent agent, with its own client as the reference.</summary>
public sealed class SnmpdV3Tests
{
    private static readonly Oid System = Oid.Parse("1.3.6.1.2.1.1");

    [PeerFact("snmpd", "snmpbulkwalk")]
    public async Task AuthPriv_sha_aes_walk_matches_snmpbulkwalk()
    {
        using var agent = SnmpdAgent.Start("opsuser", "SHA", "authpass-123", "AES", "privpass-456");
        await using var client = new SnmpClient(SnmpTarget.V3("127.0.0.1", agent.Port, "opsuser", AuthProtocol.Sha1, "authpass-123", PrivProtocol.Aes128, "privpass-456"));
        var ours = await client.WalkAsync(System);
        var theirs = NetSnmpTool.Run("snmpbulkwalk", "-v3", "-l", "authPriv", "-u", "opsuser", "-a", "SHA", "-A", "authpass-123", "-x", "AES", "-X", "privpass-456",
            $"127.0.0.1:{agent.Port}", System.ToString());
        // sysUpTime ticks between the two walks; compare everything else exactly.
        static IEnumerable<string> Stable(IEnumerable<string> lines) => lines.Where(l => !l.StartsWith("iso.3.6.1.2.1.1.3.0 ", StringComparison.Ordinal));
        Assert.Equal(Stable(theirs), Stable(ours.Lines));
        Assert.Contains(ours.Lines, l => l == "iso.3.6.1.2.1.1.5.0 = STRING: \"ops-snmpd\"");
    }

    [PeerFact("snmpd")]
    public async Task Concurrent_first_requests_share_one_engine_discovery()
    {
        using var agent = SnmpdAgent.Start("opsuser", "SHA", "authpass-123", "AES", "privpass-456");
        await using var client = new SnmpClient(SnmpTarget.V3("127.0.0.1", agent.Port, "opsuser", AuthProtocol.Sha1, "authpass-123", PrivProtocol.Aes128, "privpass-456"));
        var names = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync(Oid.Parse("1.3.6.1.2.1.1.5.0"))));
        Assert.All(names, n => Assert.Equal("ops-snmpd", n.Value.AsString()));
        Assert.Equal(21, client.RequestsSent);
    }

    [PeerFact("snmpd")]
    public async Task A_restarted_agent_is_re_synchronised_by_its_report()
    {
        using var agent = SnmpdAgent.Start("opsuser", "SHA", "authpass-123", "AES", "privpass-456");
        await using var client = new SnmpClient(SnmpTarget.V3("127.0.0.1", agent.Port, "opsuser", AuthProtocol.Sha1, "authpass-123", PrivProtocol.Aes128, "privpass-456"));
        Assert.Equal("ops-snmpd", (await client.GetAsync(Oid.Parse("1.3.6.1.2.1.1.5.0"))).Value.AsString());
        agent.Restart();
        Assert.Equal("ops-snmpd", (await client.GetAsync(Oid.Parse("1.3.6.1.2.1.1.5.0"))).Value.AsString());
        Assert.True(client.RequestsSent >= 4, $"expected a report round trip after the restart, sent {client.RequestsSent}");
    }

    [PeerFact("snmpd")]
    public async Task AuthPriv_md5_des_get_reads_sysName()
    {
        using var agent = SnmpdAgent.Start("desuser", "MD5", "authpass-123", "DES", "privpass-456");
        await using var client = new SnmpClient(SnmpTarget.V3("127.0.0.1", agent.Port, "desuser", AuthProtocol.Md5, "authpass-123", PrivProtocol.Des, "privpass-456"));
        var vb = await client.GetAsync(Oid.Parse("1.3.6.1.2.1.1.5.0"));
        Assert.Equal("ops-snmpd", vb.Value.AsString());
    }

    [PeerFact("snmpd")]
    public async Task AuthPriv_sha256_get_reads_sysName()
    {
        using var agent = SnmpdAgent.Start("sha2user", "SHA-256", "authpass-123", "AES", "privpass-456");
        await using var client = new SnmpClient(SnmpTarget.V3("127.0.0.1", agent.Port, "sha2user", AuthProtocol.Sha256, "authpass-123", PrivProtocol.Aes128, "privpass-456"));
        var vb = await client.GetAsync(Oid.Parse("1.3.6.1.2.1.1.5.0"));
        Assert.Equal("ops-snmpd", vb.Value.AsString());
    }

    [PeerFact("snmpd")]
    public async Task Wrong_auth_password_is_reported_by_name()
    {
        using var agent = SnmpdAgent.Start("opsuser", "SHA", "authpass-123", "AES", "privpass-456");
        await using var client = new SnmpClient(SnmpTarget.V3("127.0.0.1", agent.Port, "opsuser", AuthProtocol.Sha1, "wrong-password", PrivProtocol.Aes128, "privpass-456"));
        var e = await Assert.ThrowsAnyAsync<SnmpException>(() => client.GetAsync(Oid.Parse("1.3.6.1.2.1.1.5.0")));
        Assert.Contains("usmStatsWrongDigests", e.Message);
        Assert.DoesNotContain("wrong-password", e.Message);
    }
}
