using System.Globalization;

namespace Ops.Wireless;

/// <summary>Settings of radar recovery.</summary>
public sealed record RadarOptions
{
    /// <summary>How long a radar channel stays blocked (the Non-Occupancy Period: 30 minutes); no release before it.</summary>
    public TimeSpan NonOccupancy { get; init; } = TimeSpan.FromMinutes(30);
    /// <summary>The time pins are stamped and judged by. A live run uses the system clock, never a simulated one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>
/// Radar recovery. A 5 GHz radio down with radar detected on W53/W56 channels is pinned to the W52
/// channel (36/40/44/48) its neighbours use least, weighting each co-channel neighbour by the power it
/// is heard with; the pin remembers the DFS channels whose radar triggered it. The release rule: once
/// the non-occupancy period has passed since pinning AND the radio's radar-detected channel list
/// (bsnAPIfRadarDetectedChannelNumber) no longer includes any of those triggering channels, the pin
/// is released back to automatic (DCA). Radar on other channels does not hold the pin: DCA avoids it.
/// </summary>
public static class RadarRecovery
{
    public static async Task<RadarPlan> PlanAsync(Wlc wlc, PinState state, RadarOptions? options = null, CancellationToken cancellationToken = default) =>
        Plan(await wlc.RadiosAsync(cancellationToken).ConfigureAwait(false), state, options ?? new RadarOptions());

    public static RadarPlan Plan(IReadOnlyList<Radio> radios, PinState state, RadarOptions options)
    {
        var now = options.Clock.GetUtcNow();
        var items = new List<RadarPlanItem>();
        var notes = new List<string>();
        var byMac = radios.Where(r => r.Band == Band.GHz5).GroupBy(r => r.Mac).ToDictionary(g => g.Key, g => g.First());
        // Channels radios will use after this plan: pins already made and pins planned now.
        var planned = state.Pins.ToDictionary(p => p.Mac, p => p.Channel);

        foreach (var radio in radios.Where(r => r.Band == Band.GHz5).OrderBy(r => r.ApName, StringComparer.Ordinal).ThenBy(r => r.Slot))
        {
            var pin = state.Find(radio.Mac, radio.Slot);
            var dfsRadar = radio.RadarChannels.Where(Channels.IsDfs).Distinct().Order().ToList();
            if (pin is not null)
            {
                var held = now - pin.PinnedAt;
                // A pin from before triggers were recorded is held by any DFS radar channel still listed.
                var triggers = pin.Triggers is { Count: > 0 } t ? t : dfsRadar;
                var still = triggers.Intersect(radio.RadarChannels).Order().ToList();
                if (held < options.NonOccupancy)
                    notes.Add($"{radio.ApName} slot {radio.Slot} pinned to {pin.Channel} for {Minutes(held)} min; release after {Minutes(options.NonOccupancy)} min once radar on {Join(triggers)} has cleared");
                else if (still.Count > 0)
                    notes.Add($"{radio.ApName} slot {radio.Slot} stays on {pin.Channel}: radar still listed on {Join(still)} (of the triggering {Join(triggers)})");
                else
                    items.Add(new RadarPlanItem(radio.ApName, radio.Slot, radio.Channel, null,
                        $"pinned {Minutes(held)} min ago (non-occupancy {Minutes(options.NonOccupancy)} min passed) and radar on {Join(triggers)} no longer listed: back to automatic")
                    { Radio = radio });
                continue;
            }
            if (radio.OperStatus != OperStatus.Down || dfsRadar.Count == 0) continue;

            var overlap = Channels.W52.ToDictionary(c => c, c => 0.0);
            var heard = Channels.W52.ToDictionary(c => c, c => new List<int>());
            foreach (var n in radio.Neighbours)
            {
                var channel = planned.TryGetValue(n.Mac, out var p) ? p : n.Channel;
                // A neighbour that is itself down does not transmit, unless it is being pinned.
                if (!planned.ContainsKey(n.Mac) && byMac.TryGetValue(n.Mac, out var nr) && nr.OperStatus == OperStatus.Down) continue;
                if (!overlap.ContainsKey(channel)) continue;
                overlap[channel] += Math.Pow(10, n.Rssi / 10.0);
                heard[channel].Add(n.Rssi);
            }
            var best = Channels.W52.OrderBy(c => overlap[c]).ThenBy(c => heard[c].Count).ThenBy(c => c).First();
            planned[radio.Mac] = best;
            var subBands = string.Join("/", dfsRadar.Select(Channels.SubBand).Distinct());
            var why = heard[best].Count == 0
                ? $"no neighbour heard on {best}"
                : $"{heard[best].Count} neighbour(s) on {best}, strongest {heard[best].Max()} dBm";
            items.Add(new RadarPlanItem(radio.ApName, radio.Slot, radio.Channel, best,
                $"radio down, radar on {string.Join(",", dfsRadar)} ({subBands}); W52 {best} overlaps least: {why}")
            { Radio = radio, Overlap = overlap, Triggers = dfsRadar });
        }
        foreach (var pin in state.Pins.Where(p => !radios.Any(r => r.Mac == p.Mac && r.Slot == p.Slot)))
            notes.Add($"{pin.Ap} slot {pin.Slot} is pinned (state file) but on no controller now; check it by hand");
        return new RadarPlan(items, notes);
    }

    /// <summary>Applies the plan (only with <paramref name="confirm"/>), recording pins and releases in the state file as each change is made.</summary>
    public static async Task<IReadOnlyList<ChannelChangeResult>> ApplyAsync(Wlc wlc, RadarPlan plan, PinState state, bool confirm, ChangeLog log, RadarOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RadarOptions();
        if (!confirm && plan.Plans.Count > 0)
            throw new InvalidOperationException($"radar recovery is a dry run unless confirmed: {plan.Plans.Count} change(s) planned; pass --apply --yes (or confirm: true)");
        var results = new List<ChannelChangeResult>();
        foreach (var item in plan.Plans)
        {
            var change = new ChannelChangePlan(item.Radio, item.ToChannel, null, wlc[item.Radio.Controller].UsesCli, item.Reason);
            var result = await ChannelChange.ApplyAsync(wlc, change, confirm, log, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            if (item.Action == RadarAction.Pin)
                state.Add(new Pin(item.Radio.Controller, item.Ap, item.Radio.Mac, item.Slot, item.ToChannel!.Value, item.FromChannel, options.Clock.GetUtcNow(), item.Triggers));
            else
                state.Remove(item.Radio.Mac, item.Slot);
        }
        return results;
    }

    /// <summary>
    /// Exactly what <see cref="ApplyAsync"/> would do with this plan, one line per step: the SNMP SETs
    /// (or the CLI commands for an operator), the pin state change and the change log file.
    /// </summary>
    public static IReadOnlyList<string> DescribeApply(Wlc wlc, RadarPlan plan, PinState state, string? changeLogPath)
    {
        var lines = new List<string>();
        foreach (var item in plan.Plans)
        {
            var change = new ChannelChangePlan(item.Radio, item.ToChannel, null, wlc[item.Radio.Controller].UsesCli, item.Reason);
            var target = $"{item.Radio.Controller} {item.Ap} slot {item.Slot}";
            lines.Add(change.ViaCli
                ? $"{target}: hand the operator: {string.Join("; ", change.CliCommands)}"
                : $"{target}: SNMP SET {string.Join(", then ", ChannelChange.Sets(change).Select(v => $"{v.Oid} = {v.Value}"))}; read it back");
            lines.Add(item.Action == RadarAction.Pin
                ? $"{target}: record the pin to {item.ToChannel} (triggered by radar on {Join(item.Triggers)}) in {state.Path ?? "memory"}"
                : $"{target}: remove its pin from {state.Path ?? "memory"}");
        }
        if (plan.Plans.Count > 0) lines.Add($"log 2 records per change (before, after) to {changeLogPath ?? "the screen only"}");
        return lines;
    }

    private static string Join(IEnumerable<int> channels) => string.Join(",", channels);

    private static string Minutes(TimeSpan t) => Math.Floor(t.TotalMinutes).ToString(CultureInfo.InvariantCulture);
}
