using System.Text.Json;
using Ops.Testing;
using Ops.Wireless;

namespace Ops.Kernel.Tests.Cli;

/// <summary>
/// <c>ops wlc radar --apply --yes</c> against snmpsimd serving the two generated controllers with
/// writes enabled (writecache), each run a new process (a restart): pin during radar, no release
/// while a triggering channel is still listed, release once it clears; pins and change log in the
/// state folder throughout.
/// </summary>
public sealed class WlcRadarAgentTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("ops-radar-agent-").FullName;
    private readonly string _state = Directory.CreateTempSubdirectory("ops-radar-state-").FullName;
    private readonly string _inventory;
    private SnmpSimAgent? _agent;

    public WlcRadarAgentTests() => _inventory = Path.Combine(_data, "..", Path.GetFileName(_data) + "-inventory.yaml");

    public void Dispose()
    {
        _agent?.Dispose();
        Directory.Delete(_data, true);
        Directory.Delete(_state, true);
        File.Delete(_inventory);
    }

    private void StartAgent()
    {
        _agent?.Dispose();
        _agent = SnmpSimAgent.Start(_data);
        File.WriteAllText(_inventory, "production:\n  controllers:\n" + string.Concat(new[] { "WLC1", "WLC2" }.Select(n =>
            $"    - name: {n}\n      address: 127.0.0.1\n      port: {_agent.Port}\n      community: env:OPS_{n}_COMMUNITY\n      timeout: 3\n      retries: 1\n")));
    }

    private (int Exit, string Out, string Err) Radar() => OpsProgram.Run(
        ["wlc", "radar", "-i", _inventory, "--state", _state, "--non-occupancy", "0", "--apply", "--yes"],
        timeout: TimeSpan.FromSeconds(90),
        environment: new Dictionary<string, string> { ["OPS_WLC1_COMMUNITY"] = "WLC1", ["OPS_WLC2_COMMUNITY"] = "WLC2" });

    private List<Pin> Pins() => JsonSerializer.Deserialize<List<Pin>>(File.ReadAllText(Path.Combine(_state, "wlc-radar-pins.json")), WlcJson.Options)!;
    private int LogLines() => File.ReadAllLines(Path.Combine(_state, "wlc-changes.jsonl")).Length;

    [PeerFact("snmpsimd")]
    public void Pins_during_radar_hold_while_a_triggering_channel_is_listed_and_release_once_it_clears()
    {
        SimulatedWlc.WriteSnmprec(_data);
        StartAgent();

        var pinned = Radar();
        Assert.True(pinned.Exit == 0, pinned.Err);
        var pins = Pins();
        Assert.Equal(6, pins.Count);
        Assert.All(pins, p => { Assert.Contains(p.Channel, Channels.W52); Assert.NotEmpty(p.Triggers!); Assert.All(p.Triggers!, c => Assert.True(Channels.IsDfs(c))); });
        Assert.Equal(12, LogLines());
        Assert.Empty(Directory.GetFiles(_state, "*.tmp"));

        // A new process: the pins are read back; the radar entries are still listed, so nothing is released.
        var held = Radar();
        Assert.True(held.Exit == 0, held.Err);
        Assert.Contains("radar recovery: nothing to do", held.Out);
        Assert.Equal(6, held.Out.Split('\n').Count(l => l.Contains("radar still listed on")));
        Assert.Equal(6, Pins().Count);
        Assert.Equal(12, LogLines());

        // Radar clears on one radio's triggering channels (its rows leave the agent's table): only it is released.
        var cleared = pins.OrderBy(p => p.Ap, StringComparer.Ordinal).First();
        var prefix = $"{AirespaceOids.IfRadarDetectedChannelNumber}.{ApOid.FromMac(cleared.Mac)}.{cleared.Slot}.";
        var file = Path.Combine(_data, cleared.Controller + ".snmprec");
        var lines = File.ReadAllLines(file);
        Assert.Equal(cleared.Triggers!.Count, lines.Count(l => l.StartsWith(prefix, StringComparison.Ordinal)));
        File.WriteAllLines(file, lines.Where(l => !l.StartsWith(prefix, StringComparison.Ordinal)));
        StartAgent();

        var released = Radar();
        Assert.True(released.Exit == 0, released.Err);
        Assert.Contains("radar recovery: 1 change(s)", released.Out);
        Assert.Contains($"{cleared.Ap} ", released.Out);
        Assert.Contains("no longer listed: back to automatic", released.Out);
        var left = Pins();
        Assert.Equal(5, left.Count);
        Assert.DoesNotContain(left, p => p.Mac == cleared.Mac);
        Assert.Equal(14, LogLines());
        Assert.Contains("Global", File.ReadAllLines(Path.Combine(_state, "wlc-changes.jsonl"))[^1]);
    }
}
