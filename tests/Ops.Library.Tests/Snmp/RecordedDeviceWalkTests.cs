using System.IO.Compression;
using Ops.Snmp;
using Ops.Testing;

namespace Ops.Tests.Snmp;

/// <summary>
/// Whole-device walks of snmpsim's bundled recordings (a Linux host with UCD load floats, a Windows XP
/// host, a Solaris system group), v2c and v3, compared line for line with net-snmp's snmpbulkwalk
/// in numeric form (<c>-On</c>) and in its default form.
/// </summary>
public sealed class RecordedDeviceWalkTests : IClassFixture<RecordedDeviceWalkTests.Agent>
{
    private const string Recordings = "/usr/share/doc/snmpsim/examples/data/recorded";
    private const string ReferenceMibs = "/work/shared/reference/mibs";

    public sealed class Agent : IDisposable
    {
        private SnmpSimAgent? _agent;
        public string DataDir { get; } = Directory.CreateTempSubdirectory("ops-recordings-").FullName;
        public SnmpSimAgent Sim => _agent ??= Start();

        private SnmpSimAgent Start()
        {
            Copy("linux-full-walk.snmprec.gz", "linux");
            Copy("winxp-full-walk.snmprec.gz", "winxp");
            Copy("solaris-system.snmprec", "solaris");
            return SnmpSimAgent.Start(DataDir);
        }

        private void Copy(string file, string community)
        {
            var source = Path.Combine(Recordings, file);
            if (!File.Exists(source)) throw new FileNotFoundException($"snmpsim's recording {source} is missing (apt-get install snmpsim)", source);
            using var input = File.OpenRead(source);
            using var plain = file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(input, CompressionMode.Decompress) : (Stream)input;
            using var output = File.Create(Path.Combine(DataDir, community + ".snmprec"));
            plain.CopyTo(output);
        }

        public int Rows(string community) => File.ReadLines(Path.Combine(DataDir, community + ".snmprec")).Count(l => l.Contains('|'));

        public void Dispose()
        {
            _agent?.Dispose();
            try { Directory.Delete(DataDir, true); } catch (IOException) { }
        }
    }

    private readonly Agent _agent;
    public RecordedDeviceWalkTests(Agent agent) => _agent = agent;

    // snmpsimd's built-in v3 user; the context name selects the recording as the community does in v2c.
    private SnmpTarget Target(string device, string version) => version == "v3"
        ? new SnmpTarget("127.0.0.1", _agent.Sim.Port) { Version = SnmpVersion.V3, User = "simulator", Auth = AuthProtocol.Md5, AuthPassword = "auctoritas",
            Priv = PrivProtocol.Des, PrivPassword = "privatus", ContextName = device, Timeout = TimeSpan.FromSeconds(5) }
        : new SnmpTarget("127.0.0.1", _agent.Sim.Port) { Community = device, Timeout = TimeSpan.FromSeconds(5) };

    private string[] NetSnmpArgs(string device, string version) => version == "v3"
        ? ["-v3", "-l", "authPriv", "-u", "simulator", "-a", "MD5", "-A", "auctoritas", "-x", "DES", "-X", "privatus", "-n", device, "-t", "5", $"127.0.0.1:{_agent.Sim.Port}"]
        : ["-v2c", "-c", device, "-t", "5", $"127.0.0.1:{_agent.Sim.Port}"];

    [PeerTheory("snmpsimd", "snmpbulkwalk")]
    [InlineData("linux", "v2c")]
    [InlineData("winxp", "v2c")]
    [InlineData("solaris", "v2c")]
    [InlineData("linux", "v3")]
    [InlineData("winxp", "v3")]
    [InlineData("solaris", "v3")]
    public async Task A_walk_from_1_prints_what_snmpbulkwalk_prints(string device, string version)
    {
        await using var client = new SnmpClient(Target(device, version));
        var ours = await client.WalkAsync(Oid.Parse("1"), maxRepetitions: 25);
        Assert.Equal(_agent.Rows(device), ours.VarBinds.Count);
        Assert.Equal(WalkEnd.EndOfMibView, ours.End);
        Assert.NotEmpty(ours.Exceptions);

        var numeric = NetSnmpTool.Run("snmpbulkwalk", ["-On", "-Cr25", .. NetSnmpArgs(device, version), "1"]);
        Assert.Equal(numeric, ours.NumericLines.ToList());
        var named = NetSnmpTool.RunWithMibs("snmpbulkwalk", ReferenceMibs, ["-Cr25", .. NetSnmpArgs(device, version), "1"]);
        Assert.Equal(named, ours.Lines.ToList());
    }

    [PeerFact("snmpsimd", "snmpwalk")]
    public async Task A_getnext_sized_walk_prints_what_snmpwalk_prints()
    {
        await using var client = new SnmpClient(Target("solaris", "v2c"));
        var ours = await client.WalkAsync(Oid.Parse(".1"), maxRepetitions: 1);
        Assert.Equal(NetSnmpTool.RunWithMibs("snmpwalk", ReferenceMibs, [.. NetSnmpArgs("solaris", "v2c"), ".1"]), ours.Lines.ToList());
        Assert.Single(ours.Exceptions);
    }

    [PeerFact("snmpsimd")]
    public async Task Roots_1_dot_1_and_1_3_walk_the_same_rows()
    {
        await using var client = new SnmpClient(Target("solaris", "v2c"));
        var one = await client.WalkAsync(Oid.Parse("1"));
        Assert.Equal(one.VarBinds, (await client.WalkAsync(Oid.Parse(".1"))).VarBinds);
        Assert.Equal(one.VarBinds, (await client.WalkAsync(Oid.Parse("1.3"))).VarBinds);
        Assert.Equal(7, one.VarBinds.Count);
    }

    [PeerFact("snmpsimd", "snmpbulkwalk")]
    public async Task Load_averages_are_opaque_floats_as_net_snmp_prints_them()
    {
        await using var client = new SnmpClient(Target("linux", "v2c"));
        var ours = await client.WalkAsync(Oid.Parse("1.3.6.1.4.1.2021.10.1.6"));
        Assert.Equal([
            ".1.3.6.1.4.1.2021.10.1.6.1 = Opaque: Float: 0.460000",
            ".1.3.6.1.4.1.2021.10.1.6.2 = Opaque: Float: 0.130000",
            ".1.3.6.1.4.1.2021.10.1.6.3 = Opaque: Float: 0.030000"], ours.NumericLines.ToList());
        Assert.Equal(NetSnmpTool.Run("snmpbulkwalk", ["-On", .. NetSnmpArgs("linux", "v2c"), "1.3.6.1.4.1.2021.10.1.6"]), ours.NumericLines.ToList());
    }

    [PeerTheory("snmpsimd", "snmpbulkwalk")]
    [InlineData("1.3.6.1.2.1.1.7")]       // absent between sysLocation and sysORLastChange: the GET of the root answers noSuchInstance
    [InlineData("1.3.6.1.2.1.1.5.0")]     // a leaf instance: nothing under it, the GET of the root answers its value
    [InlineData("1.3.6.1.2.1.1.8.0")]     // the last object: the next is endOfMibView, which ends the walk and is printed
    [InlineData("1.3.6.1.2.1.1.8")]
    public async Task Exceptions_and_empty_subtrees_end_the_walk_as_in_snmpbulkwalk(string root)
    {
        await using var client = new SnmpClient(Target("solaris", "v2c"));
        var ours = await client.WalkAsync(Oid.Parse(root), maxRepetitions: 10);
        Assert.Equal(NetSnmpTool.Run("snmpbulkwalk", ["-On", "-Cr10", .. NetSnmpArgs("solaris", "v2c"), root]), ours.NumericLines.ToList());
    }
}
