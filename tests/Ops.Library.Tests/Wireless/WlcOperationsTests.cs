using System.Text.Json;
using Ops.Wireless;

namespace Ops.Tests.Wireless;

public sealed class WlcOperationsTests
{
    [Fact]
    public async Task Map_finds_every_ap_on_exactly_one_controller_and_round_trips_the_seed_yaml()
    {
        await using var wlc = RecordedWlc.Open();
        var map = await wlc.MapAsync();
        Assert.Equal(127, map.Entries.Count);
        Assert.Empty(map.Problems);
        Assert.Equal("WLC1", map.Find("AP001")!.Host);
        Assert.Equal("WLC2", map.Find("ap002")!.Host);
        var yaml = map.ToYaml();
        Assert.StartsWith("---\n- host: WLC1\n  name: AP001\n  apoid: ", yaml);
        var back = ApMap.Parse(yaml);
        Assert.Equal(map.Entries, back.Entries);
    }

    [Fact]
    public void An_ap_on_two_controllers_and_one_on_none_are_reported()
    {
        var before = new ApMap([new ApMapEntry("WLC1", "AP1", "0.167.66.226.0.32"), new ApMapEntry("WLC1", "AP9", "0.167.66.226.0.33")]);
        var now = new ApMap([new ApMapEntry("WLC1", "AP1", "0.167.66.226.0.32"), new ApMapEntry("WLC2", "AP1", "0.167.66.226.0.32")]).ComparedWith(before);
        Assert.Contains(now.Problems, p => p.Contains("AP AP1 is on 2 controllers"));
        Assert.Contains(now.Problems, p => p.Contains("AP AP9 was on WLC1 and is now on no controller"));
    }

    [Fact]
    public async Task Overview_is_sorted_filterable_and_keeps_the_json_contract()
    {
        await using var wlc = RecordedWlc.Open();
        var all = await wlc.OverviewAsync();
        Assert.Equal(254, all.Rows.Count);
        Assert.Equal(all.Rows.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Slot).Select(r => (r.Name, r.Slot)), all.Rows.Select(r => (r.Name, r.Slot)));
        var five = await wlc.OverviewAsync(band: Band.GHz5);
        Assert.Equal(127, five.Rows.Count);
        Assert.All(five.Rows, r => Assert.Equal("5", r.Band));
        var floor2 = await wlc.OverviewAsync(group: "floor2");
        Assert.Equal(32, floor2.Rows.Count);
        var one = await wlc.OverviewAsync(ap: "AP001", band: Band.GHz5);
        var row = Assert.Single(one.Rows);

        using var doc = JsonDocument.Parse(one.ToJson());
        var obj = doc.RootElement[0];
        Assert.Equal(["name", "mac", "controller", "slot", "band", "operStatus", "channel", "txPower", "clients", "utilization", "apGroup"],
            obj.EnumerateObject().Select(p => p.Name));
        Assert.Equal(row.Channel, obj.GetProperty("channel").GetInt32());

        var text = one.ToString();
        Assert.Contains("| Hostname | MAC", text);
        Assert.Contains(" clients ", text);
        Assert.Contains("] " + row.Utilization + " %", text);
    }

    [Fact]
    public async Task A_controller_that_does_not_answer_is_reported_and_the_other_is_still_shown()
    {
        await using var recorded = RecordedWlc.Open();
        var port = Ops.Testing.FreePort.Udp();
        var dead = new SnmpWlcSource("WLC3", new Ops.Snmp.SnmpClient(new Ops.Snmp.SnmpTarget("127.0.0.1", port) { Timeout = TimeSpan.FromMilliseconds(150), Retries = 0 }));
        await using var wlc = new Wlc([recorded.Sources[0], dead]);
        var overview = await wlc.OverviewAsync();
        Assert.Equal(128, overview.Rows.Count);
        var problem = Assert.Single(overview.Problems);
        Assert.Contains("controller WLC3 skipped", problem);
        Assert.Contains($"127.0.0.1:{port}", problem);
    }

    [Fact]
    public async Task Utilization_chart_has_one_bar_series_per_controller_covering_every_radio()
    {
        await using var wlc = RecordedWlc.Open();
        var overview = await wlc.OverviewAsync(band: Band.GHz5);
        var chart = overview.ToChart();
        Assert.Equal(["WLC1", "WLC2"], chart.Series.Select(s => s.Name));
        Assert.All(chart.Series, s => Assert.Equal(Ops.Display.ChartKind.Bar, s.Kind));
        Assert.Equal(127, chart.Series.Sum(s => s.Points.Count));
        var busiest = overview.Rows.Max(r => r.Utilization!.Value);
        Assert.Equal(busiest, chart.Series.SelectMany(s => s.Points).Max(p => p.Y));
        Assert.Contains(chart.Annotations, a => a.Text.EndsWith($"{busiest} %"));
        Assert.Contains("<svg", chart.ToMimeBundle()[Ops.Display.MimeTypes.Svg]);
    }

    [Fact]
    public async Task Ap_names_from_the_device_are_escaped_in_html()
    {
        var data = new SortedDictionary<Ops.Snmp.Oid, Ops.Snmp.SnmpValue>
        {
            [AirespaceOids.ApName.Append(ApOid.FromMac("00:a7:42:e2:00:20"))] = Ops.Snmp.SnmpValue.OctetString("<script>x</script>"),
            [AirespaceOids.IfType.Append(ApOid.FromMac("00:a7:42:e2:00:20")).Append(1)] = Ops.Snmp.SnmpValue.Integer(2),
        };
        await using var wlc = new Wlc([new RecordedWlcSource("WLC1", data)]);
        var html = (await wlc.OverviewAsync()).ToMimeBundle()[Ops.Display.MimeTypes.Html];
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public async Task Set_channel_refuses_without_confirmation_then_sets_customized_and_logs_before_and_after()
    {
        await using var wlc = RecordedWlc.Open();
        var plan = await ChannelChange.PlanAsync(wlc, "AP001", Band.GHz5, 48, 20);
        Assert.Contains("AP001 found on WLC1.", plan.ToString());
        Assert.Contains("Current : Global (64)", plan.ToString());
        Assert.Contains("New     : 48 (20 MHz)", plan.ToString());
        Assert.Contains("STOP PROPAGATION", plan.ToString());
        var log = new ChangeLog();
        await Assert.ThrowsAsync<InvalidOperationException>(() => ChannelChange.ApplyAsync(wlc, plan, confirm: false, log));
        Assert.Empty(log.Records);

        var result = await ChannelChange.ApplyAsync(wlc, plan, confirm: true, log);
        Assert.True(result.Applied);
        Assert.Equal("Global (64)", result.Before);
        Assert.Equal("48 (customized)", result.After);
        Assert.Equal(2, log.Records.Count);
        var after = (await wlc.OverviewAsync("AP001", band: Band.GHz5)).Rows.Single();
        Assert.Equal((48, false), (after.Channel, after.ChannelAutomatic));
    }

    [Fact]
    public async Task A_cli_controller_gets_the_aireos_command_sequence_instead_of_sets()
    {
        await using var wlc = RecordedWlc.Open(cliOnWlc2: true);
        var plan = await ChannelChange.PlanAsync(wlc, "AP002", Band.GHz5, 48);
        Assert.Equal(["config 802.11a disable AP002", "config 802.11a channel ap AP002 48", "config 802.11a enable AP002"], plan.CliCommands);
        var result = await ChannelChange.ApplyAsync(wlc, plan, true, new ChangeLog());
        Assert.False(result.Applied);
        Assert.Equal(plan.CliCommands, result.OperatorCommands);
        Assert.Equal(104, (await wlc.OverviewAsync("AP002", band: Band.GHz5)).Rows.Single().Channel);
    }

    [Fact]
    public async Task Unknown_ap_and_wrong_band_channel_are_explained()
    {
        await using var wlc = RecordedWlc.Open();
        var e = await Assert.ThrowsAsync<KeyNotFoundException>(() => ChannelChange.PlanAsync(wlc, "AP999", Band.GHz5, 48));
        Assert.Contains("AP999 is on no controller", e.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => ChannelChange.PlanAsync(wlc, "AP001", Band.GHz5, 6));
    }

    [Fact]
    public async Task Balance_plans_deauthentication_of_one_essid_down_to_the_threshold()
    {
        await using var wlc = RecordedWlc.Open();
        var plan = await ClientBalance.PlanAsync(wlc, threshold: 40, essid: "guest");
        Assert.NotEmpty(plan.Plans);
        Assert.All(plan.Plans, p =>
        {
            Assert.True(p.Clients > 40);
            Assert.InRange(p.Deauthenticate.Count, 1, p.Clients - 40);
        });
        await Assert.ThrowsAsync<InvalidOperationException>(() => ClientBalance.ApplyAsync(wlc, plan, false, new ChangeLog()));
        var log = new ChangeLog();
        var n = await ClientBalance.ApplyAsync(wlc, plan, true, log);
        Assert.Equal(plan.Plans.Sum(p => p.Deauthenticate.Count), n);
        Assert.Equal(n, log.Records.Count);
        using var doc = JsonDocument.Parse(plan.ToJson());
        Assert.Equal(plan.Plans.Count, doc.RootElement.GetProperty("plans").GetArrayLength());
    }
}
