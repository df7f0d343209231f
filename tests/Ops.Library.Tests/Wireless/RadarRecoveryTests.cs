using System.Text.Json;
using Ops.Wireless;

namespace Ops.Tests.Wireless;

public sealed class RadarRecoveryTests
{
    private static Radio Radio(string name, string mac, OperStatus status, int channel, int[] radar, params Neighbour[] neighbours) =>
        new("WLC1", name, mac, 1, 2, Band.GHz5, status, ChannelAssignment.Automatic, channel, ChannelAssignment.Automatic, 1, 0, 0, "G", radar, neighbours);

    [Fact]
    public void A_radar_downed_radio_gets_the_w52_channel_with_least_rssi_weighted_overlap()
    {
        var radios = new[]
        {
            Radio("AP1", "00:00:00:00:00:01", OperStatus.Down, 56, [52, 56],
                new Neighbour("00:00:00:00:00:02", -60, 36), new Neighbour("00:00:00:00:00:03", -85, 40), new Neighbour("00:00:00:00:00:04", -82, 40),
                new Neighbour("00:00:00:00:00:05", -70, 44), new Neighbour("00:00:00:00:00:06", -65, 48)),
            Radio("AP2", "00:00:00:00:00:02", OperStatus.Up, 36, []),
        };
        var plan = RadarRecovery.Plan(radios, new PinState(), new RadarOptions());
        var item = Assert.Single(plan.Plans);
        // Two weak neighbours on 40 (-85, -82 dBm) add up to less than one at -70 on 44.
        Assert.Equal((40, 56, "AP1"), (item.ToChannel!.Value, item.FromChannel, item.Ap));
        Assert.Contains("radar on 52,56 (W53)", item.Reason);
    }

    [Fact]
    public void Two_downed_neighbours_are_not_pinned_onto_the_same_channel()
    {
        var radios = new[]
        {
            Radio("AP1", "00:00:00:00:00:01", OperStatus.Down, 100, [100], new Neighbour("00:00:00:00:00:02", -50, 100)),
            Radio("AP2", "00:00:00:00:00:02", OperStatus.Down, 100, [100], new Neighbour("00:00:00:00:00:01", -50, 100)),
        };
        var plan = RadarRecovery.Plan(radios, new PinState(), new RadarOptions());
        Assert.Equal(2, plan.Plans.Count);
        Assert.NotEqual(plan.Plans[0].ToChannel, plan.Plans[1].ToChannel);
    }

    [Fact]
    public void Up_radios_and_radios_without_dfs_radar_are_left_alone()
    {
        var radios = new[]
        {
            Radio("AP1", "00:00:00:00:00:01", OperStatus.Up, 56, [56]),
            Radio("AP2", "00:00:00:00:00:02", OperStatus.Down, 36, []),
        };
        Assert.Empty(RadarRecovery.Plan(radios, new PinState(), new RadarOptions()).Plans);
    }

    /// <summary>
    /// The release rule, one fact at a time: pinned at 14:00 for radar on 52 and 56, judged at 14:40 (or
    /// 14:10) against the radar-detected channels the radio lists then.
    /// </summary>
    [Theory]
    [InlineData(40, new int[0], true)]            // non-occupancy passed, no radar listed: release
    [InlineData(10, new int[0], false)]           // within non-occupancy: hold
    [InlineData(40, new[] { 56 }, false)]         // a triggering channel still listed: hold
    [InlineData(40, new[] { 52, 56 }, false)]     // both still listed: hold
    [InlineData(40, new[] { 100 }, true)]         // radar only on another channel: release (DCA avoids it)
    [InlineData(40, new[] { 100, 104, 108 }, true)] // however many other channels
    public void A_pin_is_released_only_when_no_triggering_channel_is_listed(int minutes, int[] listed, bool released)
    {
        var pinnedAt = new DateTimeOffset(2019, 9, 19, 14, 0, 0, TimeSpan.Zero);
        var pins = new PinState([new Pin("WLC1", "AP1", "00:00:00:00:00:01", 1, 40, 56, pinnedAt, [52, 56])]);
        var radio = Radio("AP1", "00:00:00:00:00:01", OperStatus.Up, 40, listed);
        var plan = RadarRecovery.Plan([radio], pins, new RadarOptions { Clock = new RecordedWlc.FixedClock(pinnedAt.AddMinutes(minutes)) });
        Assert.Equal(released, plan.Plans.Count == 1);
        if (released) Assert.Null(plan.Plans[0].ToChannel);
        else Assert.Single(plan.Notes);
    }

    [Fact]
    public async Task Pins_survive_a_restart_and_are_released_after_non_occupancy_once_radar_clears()
    {
        var statePath = Path.Combine(Path.GetTempPath(), $"pins-{Guid.NewGuid():N}.json");
        try
        {
            var clock = new RecordedWlc.FixedClock(new DateTimeOffset(2019, 9, 19, 14, 0, 0, TimeSpan.Zero));
            var options = new RadarOptions { Clock = clock };
            await using var wlc = RecordedWlc.Open();
            var plan = await RadarRecovery.PlanAsync(wlc, PinState.Load(statePath), options);
            Assert.Equal(6, plan.Plans.Count);
            Assert.All(plan.Plans, p => Assert.Contains(p.ToChannel!.Value, Channels.W52));

            using (var doc = JsonDocument.Parse(plan.ToJson()))
                Assert.Equal(["ap", "slot", "fromChannel", "toChannel", "reason", "triggers"], doc.RootElement.GetProperty("plans")[0].EnumerateObject().Select(p => p.Name));

            await Assert.ThrowsAsync<InvalidOperationException>(() => RadarRecovery.ApplyAsync(wlc, plan, PinState.Load(statePath), false, new ChangeLog(), options));
            var log = new ChangeLog(clock: clock);
            await RadarRecovery.ApplyAsync(wlc, plan, PinState.Load(statePath), true, log, options);
            Assert.Equal(12, log.Records.Count);

            // A restart reads the pins back; nothing to do again within the non-occupancy period.
            var reloaded = PinState.Load(statePath);
            Assert.Equal(6, reloaded.Pins.Count);
            clock.Now = clock.Now.AddMinutes(10);
            var again = await RadarRecovery.PlanAsync(wlc, reloaded, options);
            Assert.Empty(again.Plans);
            Assert.Contains(again.Notes, n => n.Contains("release after 30 min"));

            // After 35 minutes the recorded radar entries are still there: every pin stays, saying which channel holds it.
            clock.Now = clock.Now.AddMinutes(25);
            var held = await RadarRecovery.PlanAsync(wlc, reloaded, options);
            Assert.Empty(held.Plans);
            Assert.Equal(6, held.Notes.Count(n => n.Contains("radar still listed on")));

            // Radar clears on one radio's triggering channels: only that radio goes back to automatic.
            var cleared = reloaded.Pins.OrderBy(p => p.Ap, StringComparer.Ordinal).First();
            Assert.NotEmpty(cleared.Triggers!);
            var source = (RecordedWlcSource)wlc[cleared.Controller];
            foreach (var channel in cleared.Triggers!)
                Assert.Equal(1, source.Forget(AirespaceOids.IfRadarDetectedChannelNumber.Append(ApOid.FromMac(cleared.Mac)).Append((uint)cleared.Slot).Append((uint)channel)));
            var release = await RadarRecovery.PlanAsync(wlc, reloaded, options);
            var item = Assert.Single(release.Plans);
            Assert.Equal((cleared.Ap, (int?)null), (item.Ap, item.ToChannel));
            await RadarRecovery.ApplyAsync(wlc, release, reloaded, true, new ChangeLog(), options);
            Assert.Equal(5, PinState.Load(statePath).Pins.Count);
            Assert.DoesNotContain(PinState.Load(statePath).Pins, p => p.Mac == cleared.Mac);
            var overview = await wlc.OverviewAsync(band: Band.GHz5);
            Assert.True(overview.Rows.Single(r => r.Name == cleared.Ap).ChannelAutomatic);
        }
        finally { File.Delete(statePath); }
    }
}
