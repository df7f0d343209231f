using System.Globalization;
using System.Text;
using Ops.Snmp;

namespace Ops.Wireless;

/// <summary>
/// Deterministic AIRESPACE data for two Act-Act controllers (the seed's 127 APs, 16 per floor):
/// radios, load, neighbours, radar on some W53/W56 radios, busy radios with their clients. Used by
/// the tests, the benchmark and the notebook's bundled recording, served by snmpsim or replayed.
/// </summary>
public static class SimulatedWlc
{
    private static readonly string[] Prefixes = ["6c:9c:ed", "24:b6:57", "00:a7:42", "5c:5a:c7"];
    private static readonly int[] Five = [36, 40, 44, 48, 52, 56, 60, 64, 100, 104, 108, 112, 116, 120, 124, 128, 132, 136, 140];

    /// <summary>A binding and whether snmpsim should let it be SET (writecache variation).</summary>
    public sealed record Entry(Oid Oid, SnmpValue Value, bool Writable);

    /// <summary>Controller name → its entries, sorted by OID.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<Entry>> Generate(int apCount = 127, int seed = 2019, string[]? controllers = null)
    {
        controllers ??= ["WLC1", "WLC2"];
        var rng = new Random(seed);
        var macs = new List<string>();
        var used = new HashSet<string>();
        for (var i = 0; i < apCount; i++)
        {
            string mac;
            do mac = Prefixes[i % Prefixes.Length] + ":" + string.Join(':', Enumerable.Range(0, 3).Select(_ => rng.Next(256).ToString("x2", CultureInfo.InvariantCulture)));
            while (!used.Add(mac));
            macs.Add(mac);
        }
        // 5 GHz channels: mostly W53/W56 (the site keeps W52 for recovery), a few W52.
        var channel5 = Enumerable.Range(0, apCount).Select(_ => rng.Next(10) < 2 ? Channels.W52[rng.Next(4)] : Five[4 + rng.Next(Five.Length - 4)]).ToArray();
        var channel24 = Enumerable.Range(0, apCount).Select(i => new[] { 1, 6, 11 }[i % 3]).ToArray();
        var radarDown = new HashSet<int>();
        while (radarDown.Count < Math.Min(6, apCount)) { var i = rng.Next(apCount); if (Channels.IsDfs(channel5[i])) radarDown.Add(i); }
        var staleRadar = new HashSet<int>();
        while (staleRadar.Count < Math.Min(2, apCount - radarDown.Count)) { var i = rng.Next(apCount); if (!radarDown.Contains(i) && Channels.IsDfs(channel5[i])) staleRadar.Add(i); }

        var result = controllers.ToDictionary(c => c, _ => new List<Entry>());
        for (var i = 0; i < apCount; i++)
        {
            var list = result[controllers[i % controllers.Length]];
            var ap = ApOid.FromMac(macs[i]);
            var floor = i / 16 + 1;
            list.Add(new(AirespaceOids.ApName.Append(ap), SnmpValue.OctetString($"AP{i + 1:000}"), false));
            list.Add(new(AirespaceOids.ApGroupVlanName.Append(ap), SnmpValue.OctetString($"Floor{floor}"), false));
            var eth = ApOid.FromMac(macs[i]).Ids.ToArray().Select(b => (byte)b).ToArray();
            eth[5] ^= 0x0f;
            list.Add(new(AirespaceOids.ApEthernetMacAddress.Append(ap), SnmpValue.OctetString(eth), false));
            for (var slot = 0; slot < 2; slot++)
            {
                var idx = ap.Append((uint)slot);
                var five = slot == 1;
                var down = five && radarDown.Contains(i);
                var clients = down ? 0 : rng.Next(100) < 6 ? 41 + rng.Next(15) : rng.Next(five ? 36 : 12);
                var util = down ? 0 : Math.Min(95, clients + rng.Next(five ? 30 : 50));
                list.Add(new(AirespaceOids.IfType.Append(idx), SnmpValue.Integer(five ? 2 : 1), false));
                list.Add(new(AirespaceOids.IfPhyChannelAssignment.Append(idx), SnmpValue.Integer(rng.Next(10) == 0 ? 2 : 1), true));
                list.Add(new(AirespaceOids.IfPhyChannelNumber.Append(idx), SnmpValue.Integer(five ? channel5[i] : channel24[i]), true));
                list.Add(new(AirespaceOids.IfPhyTxPowerControl.Append(idx), SnmpValue.Integer(1), false));
                list.Add(new(AirespaceOids.IfPhyTxPowerLevel.Append(idx), SnmpValue.Integer(1 + rng.Next(five ? 3 : 5)), false));
                list.Add(new(AirespaceOids.IfOperStatus.Append(idx), SnmpValue.Integer(down ? 1 : 2), false));
                list.Add(new(AirespaceOids.IfNoOfUsers.Append(idx), SnmpValue.Integer(clients), false));
                list.Add(new(AirespaceOids.IfLoadChannelUtilization.Append(idx), SnmpValue.Integer(util), false));
                list.Add(new(AirespaceOids.IfLoadNumOfClients.Append(idx), SnmpValue.Integer(clients), false));
                if (clients > 40)
                    for (var c = 0; c < clients; c++)
                    {
                        var client = new uint[] { 0xa4, 0x5e, 0x60, (uint)i, (uint)slot, (uint)c };
                        var cidx = new Oid(client);
                        list.Add(new(AirespaceOids.MobileStationApMac.Append(cidx), SnmpValue.OctetString(ap.Ids.ToArray().Select(b => (byte)b).ToArray()), false));
                        list.Add(new(AirespaceOids.MobileStationApSlot.Append(cidx), SnmpValue.Integer(slot), false));
                        list.Add(new(AirespaceOids.MobileStationSsid.Append(cidx), SnmpValue.OctetString(c % 3 == 0 ? "guest" : "corp"), false));
                        list.Add(new(AirespaceOids.MobileStationDeleteAction.Append(cidx), SnmpValue.Integer(0), true));
                    }
                if (!five) continue;
                if (down || staleRadar.Contains(i))
                {
                    var radar = new SortedSet<int> { channel5[i] };
                    if (down) radar.Add(Channels.IsW53(channel5[i]) ? 52 + 4 * rng.Next(4) : 100 + 4 * rng.Next(10));
                    foreach (var ch in radar) list.Add(new(AirespaceOids.IfRadarDetectedChannelNumber.Append(idx).Append((uint)ch), SnmpValue.Integer(ch), false));
                }
                // Neighbours: nearby APs on the same floor and the floors above and below, weaker with distance.
                foreach (var j in Enumerable.Range(0, apCount).Where(j => j != i && (Math.Abs(j - i) <= 3 || Math.Abs(j - i) == 16)))
                {
                    if (radarDown.Contains(j)) continue;
                    var distance = Math.Abs(j - i) == 16 ? 3 : Math.Abs(j - i);
                    var rssi = -48 - 9 * distance + rng.Next(-4, 5);
                    var nidx = idx.Append(ApOid.FromMac(macs[j]));
                    list.Add(new(AirespaceOids.IfRxNeighborRssi.Append(nidx), SnmpValue.Integer(rssi), false));
                    list.Add(new(AirespaceOids.IfRxNeighborChannel.Append(nidx), SnmpValue.Integer(channel5[j]), false));
                }
            }
        }
        return result.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Entry>)kv.Value.OrderBy(e => e.Oid).ToList());
    }

    /// <summary>Writes NAME.snmprec per controller; writable objects use snmpsim's writecache variation.</summary>
    public static IReadOnlyList<string> WriteSnmprec(string directory, int apCount = 127, int seed = 2019)
    {
        Directory.CreateDirectory(directory);
        var paths = new List<string>();
        foreach (var (name, entries) in Generate(apCount, seed))
        {
            var sb = new StringBuilder();
            foreach (var e in entries)
            {
                var field = Recording.SnmprecField(e.Value);
                if (e.Writable)
                {
                    var bar = field.IndexOf('|');
                    field = field[..bar] + ":writecache|value=" + field[(bar + 1)..];
                }
                sb.Append(e.Oid).Append('|').Append(field).Append('\n');
            }
            var path = Path.Combine(directory, name + ".snmprec");
            AtomicFile.WriteAllText(path, sb.ToString());
            paths.Add(path);
        }
        return paths;
    }
}
