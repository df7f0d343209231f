using Ops.Snmp;

namespace Ops.Wireless;

/// <summary>What the WLC operations need from one controller, read with all its tables in parallel.</summary>
public sealed record ControllerData(string Controller, IReadOnlyList<AccessPoint> AccessPoints, IReadOnlyList<Radio> Radios, IReadOnlyList<string> Problems)
{
    /// <summary>Which tables to read besides APs and radios.</summary>
    [Flags]
    public enum Parts { Overview = 0, Radar = 1, Neighbours = 2, All = Radar | Neighbours }

    /// <summary>
    /// Reads the AP table first, then the radio tables (in parallel) bounded by what that many APs can
    /// have, all within the budget's time (see <see cref="WalkBudget"/>).
    /// </summary>
    public static Task<ControllerData> ReadAsync(IWlcSource source, Parts parts, CancellationToken cancellationToken = default) =>
        ReadAsync(source, parts, WalkBudget.Default, cancellationToken);

    public static Task<ControllerData> ReadAsync(IWlcSource source, Parts parts, WalkBudget budget, CancellationToken cancellationToken = default) =>
        budget.RunAsync(source, async ct =>
        {
            var ap = await source.WalkColumnsAsync(AirespaceOids.ApColumns, budget.MaxAccessPoints, ct).ConfigureAwait(false);
            var radios = budget.RadioRows(ap[0].VarBinds.Count);
            var radio = source.WalkColumnsAsync(AirespaceOids.RadioColumns, radios, ct);
            var load = source.WalkColumnsAsync(AirespaceOids.LoadColumns, radios, ct);
            var radar = parts.HasFlag(Parts.Radar) ? source.WalkColumnsAsync(AirespaceOids.RadarColumns, radios * budget.RadarChannelsPerRadio, ct) : null;
            var neighbours = parts.HasFlag(Parts.Neighbours) ? source.WalkColumnsAsync(AirespaceOids.NeighbourColumns, radios * budget.NeighboursPerRadio, ct) : null;
            await Task.WhenAll(new Task?[] { radio, load, radar, neighbours }.OfType<Task>()).ConfigureAwait(false);
            return Build(source.Name, ap, radio.Result, load.Result, radar?.Result, neighbours?.Result);
        }, Cancellation.Or(cancellationToken));

    internal static ControllerData Build(string controller, IReadOnlyList<WalkResult> ap, IReadOnlyList<WalkResult> radio,
        IReadOnlyList<WalkResult> load, IReadOnlyList<WalkResult>? radar, IReadOnlyList<WalkResult>? neighbours)
    {
        var problems = new List<string>();
        foreach (var w in new[] { ap, radio, load, radar ?? [], neighbours ?? [] }.SelectMany(x => x))
            if (w.Problem != null) problems.Add(w.Problem);

        // AP table: index = 6-byte MAC.
        var names = Column(ap[0], 6, problems);
        var groups = Column(ap[1], 6, problems);
        var eth = Column(ap[2], 6, problems);
        var aps = new List<AccessPoint>();
        foreach (var (key, name) in names)
        {
            var mac = ApOid.ToMac(key.Ids);
            aps.Add(new AccessPoint(controller, name.AsString() ?? "", mac, groups.TryGetValue(key, out var g) ? g.AsString() ?? "" : "",
                eth.TryGetValue(key, out var e) ? ApOid.FromMacBytes(e.Bytes) : null));
        }
        var apByMac = aps.ToDictionary(a => a.Mac);

        // Radio tables: index = MAC.slot.
        var cols = radio.Select(r => Column(r, 7, problems)).ToArray();
        var util = Column(load[0], 7, problems);
        var radarByRadio = new Dictionary<Oid, List<int>>();
        if (radar != null)
            foreach (var vb in radar[0].VarBinds)
            {
                var idx = vb.Oid.IndexUnder(radar[0].Root);
                if (idx.Length != 8) { problems.Add($"{controller}: radar row {vb.Oid} does not have a MAC.slot.channel index"); continue; }
                var key = Oid.Wrap(idx.Ids[..7].ToArray());
                if (!radarByRadio.TryGetValue(key, out var list)) radarByRadio[key] = list = new();
                list.Add((int)(vb.Value.AsInteger() ?? idx[7]));
            }
        var neighbourByRadio = new Dictionary<Oid, List<Neighbour>>();
        if (neighbours != null)
        {
            var channels = Column(neighbours[1], 13, problems);
            foreach (var (idx, rssi) in Column(neighbours[0], 13, problems))
            {
                var key = Oid.Wrap(idx.Ids[..7].ToArray());
                if (!neighbourByRadio.TryGetValue(key, out var list)) neighbourByRadio[key] = list = new();
                list.Add(new Neighbour(ApOid.ToMac(idx.Ids[7..]), (int)(rssi.AsInteger() ?? 0),
                    channels.TryGetValue(idx, out var ch) ? (int)(ch.AsInteger() ?? 0) : 0));
            }
        }

        var radios = new List<Radio>();
        foreach (var (idx, typeValue) in cols[0])
        {
            var mac = ApOid.ToMac(idx.Ids);
            var slot = (int)idx[6];
            int Int(int col) => cols[col].TryGetValue(idx, out var v) ? (int)(v.AsInteger() ?? 0) : 0;
            var channel = Int(2);
            apByMac.TryGetValue(mac, out var owner);
            radios.Add(new Radio(controller, owner?.Name ?? mac, mac, slot, (int)(typeValue.AsInteger() ?? 0),
                BandText.FromIfType((int)(typeValue.AsInteger() ?? 0), channel), (OperStatus)Int(5), (ChannelAssignment)Int(1), channel,
                (ChannelAssignment)Int(3), Int(4), Int(6), util.TryGetValue(idx, out var u) ? (int?)(u.AsInteger() ?? 0) : null,
                owner?.ApGroup ?? "", radarByRadio.TryGetValue(idx, out var r) ? r : [],
                neighbourByRadio.TryGetValue(idx, out var n) ? n.OrderByDescending(x => x.Rssi).ToList() : []));
        }
        return new ControllerData(controller, aps, radios, problems);
    }

    /// <summary>A column keyed by its row index; rows with an index of the wrong length are reported, not guessed at.</summary>
    private static Dictionary<Oid, SnmpValue> Column(WalkResult walk, int indexLength, List<string> problems)
    {
        var result = new Dictionary<Oid, SnmpValue>();
        foreach (var vb in walk.VarBinds)
        {
            var idx = vb.Oid.IndexUnder(walk.Root);
            if (idx.Length != indexLength || (indexLength >= 6 && idx.Ids[..6].ToArray().Any(b => b > 255)))
            {
                problems.Add($"row {vb.Oid} has an index of {idx.Length} sub-identifiers, expected {indexLength}; skipped");
                continue;
            }
            result[idx] = vb.Value;
        }
        return result;
    }
}
