using System.CommandLine;
using Ops.Snmp;
using Ops.Wireless;

namespace Ops.Kernel.Cli;

/// <summary>
/// <c>ops wlc</c>: wlap (docs/background.md) over SNMP — AP map, overview, channel change, radar recovery,
/// client balancing and recording — on live controllers from an inventory or on a recording.
/// </summary>
internal static class WlcVerb
{
    private static readonly Option<string?> Inventory = new("--inventory", "-i") { Description = "Controller inventory YAML (production: controllers: [...])", Recursive = true };
    private static readonly Option<string> Env = new("--env") { Description = "Top-level environment in the inventory", DefaultValueFactory = _ => "production", Recursive = true };
    private static readonly Option<string?> Recorded = new("--recorded") { Description = "Replay controllers from NAME.snmprec / NAME.walk files in this directory instead of SNMP", Recursive = true };

    public static Command Create()
    {
        var wlc = new Command("wlc", "Cisco WLC (AIRESPACE-WIRELESS-MIB) operations across Act-Act controllers.");
        wlc.Options.Add(Inventory);
        wlc.Options.Add(Env);
        wlc.Options.Add(Recorded);
        wlc.Subcommands.Add(Map());
        wlc.Subcommands.Add(OverviewCommand());
        wlc.Subcommands.Add(SetChannel());
        wlc.Subcommands.Add(Radar());
        wlc.Subcommands.Add(Balance());
        wlc.Subcommands.Add(Record());
        return wlc;
    }

    private static Wlc Open(ParseResult pr) => Wlc.Open(pr.GetValue(Inventory), pr.GetValue(Env)!, pr.GetValue(Recorded));

    /// <summary>Runs an action, turning the errors an operator can fix into one line on stderr and exit code 1.</summary>
    private static async Task<int> Guard(Func<Task<int>> action)
    {
        try { return await action(); }
        catch (OperationCanceledException) { Console.Error.WriteLine("ops wlc: cancelled"); return 130; }
        catch (Exception e) when (e is SnmpException or FormatException or IOException or KeyNotFoundException or ArgumentException or InvalidOperationException)
        {
            Console.Error.WriteLine("ops wlc: " + e.Message);
            return 1;
        }
    }

    private static Command Map()
    {
        var output = new Option<string?>("--output", "-o") { Description = "Save the map as YAML (host/name/apoid)" };
        var previous = new Option<string?>("--previous") { Description = "Compare with a saved map: report APs now on no controller or moved" };
        var cmd = new Command("map", "Walk bsnAPName on every controller at once and print which controller holds each AP.") { output, previous };
        cmd.SetAction((pr, ct) => Guard(async () =>
        {
            await using var wlc = Open(pr);
            var prev = pr.GetValue(previous) is { } p ? ApMap.Load(p) : null;
            var map = await wlc.MapAsync(prev, ct);
            Console.WriteLine(map.ToString());
            if (pr.GetValue(output) is { } path) { map.Save(path); Console.WriteLine($"saved {map.Entries.Count} APs to {path}"); }
            return map.Problems.Count == 0 ? 0 : 3;
        }));
        return cmd;
    }

    private static Command OverviewCommand()
    {
        var ap = new Option<string?>("--ap", "--hostname") { Description = "AP name (a trailing * matches a prefix)" };
        var band = new Option<string?>("--band") { Description = "5 or 2.4" };
        var group = new Option<string?>("--group") { Description = "AP group name" };
        var json = new Option<bool>("--json") { Description = "Print the JSON contract instead of the table" };
        var cmd = new Command("overview", "One row per AP radio across all controllers: status, channel, power, clients, utilization.") { ap, band, group, json };
        cmd.SetAction((pr, ct) => Guard(async () =>
        {
            await using var wlc = Open(pr);
            var overview = await wlc.OverviewAsync(pr.GetValue(ap), pr.GetValue(group), pr.GetValue(band) is { } b ? BandText.Parse(b) : null, ct);
            Console.WriteLine(pr.GetValue(json) ? overview.ToJson() : overview.ToString());
            return 0;
        }));
        return cmd;
    }

    private static Command SetChannel()
    {
        var ap = new Option<string>("--ap", "--hostname") { Description = "AP name", Required = true };
        var band = new Option<string>("--band") { Description = "5 or 2.4", Required = true };
        var channel = new Option<int?>("--channel") { Description = "New channel" };
        var auto = new Option<bool>("--auto") { Description = "Return the radio to automatic assignment (DCA) instead" };
        var width = new Option<int?>("--width") { Description = "Channel width in MHz (CLI controllers)" };
        var yes = new Option<bool>("--yes", "--quiet") { Description = "Apply without asking (for monitoring hooks)" };
        var log = new Option<string>("--log") { Description = "Change log (JSON lines)", DefaultValueFactory = _ => "wlc-changes.jsonl" };
        var cmd = new Command("set-channel", "Change a radio's channel wherever the AP is joined; shows Current/New and asks first.") { ap, band, channel, auto, width, yes, log };
        cmd.SetAction((pr, ct) => Guard(async () =>
        {
            if (pr.GetValue(channel) is null == !pr.GetValue(auto)) throw new ArgumentException("give --channel N or --auto");
            await using var wlc = Open(pr);
            var plan = await ChannelChange.PlanAsync(wlc, pr.GetValue(ap)!, BandText.Parse(pr.GetValue(band)!), pr.GetValue(channel), pr.GetValue(width), ct);
            Console.WriteLine(plan.ToString());
            Console.WriteLine();
            if (!Confirmed(pr.GetValue(yes))) { Console.WriteLine("not applied"); return 2; }
            Console.WriteLine("Applying...");
            var result = await ChannelChange.ApplyAsync(wlc, plan, true, new ChangeLog(pr.GetValue(log), Console.Out), ct);
            foreach (var line in result.OperatorCommands) Console.WriteLine(line);
            return 0;
        }));
        return cmd;
    }

    /// <summary>wlap's "Are you really sure? (y/n)", only when a person is at the terminal.</summary>
    private static bool Confirmed(bool yes)
    {
        if (yes) return true;
        if (Console.IsInputRedirected) { Console.Error.WriteLine("ops wlc: no terminal to confirm on; pass --yes to apply"); return false; }
        Console.Write("Are you really sure? (y/n)");
        return Console.ReadLine()?.Trim().Equals("y", StringComparison.OrdinalIgnoreCase) == true;
    }

    private static Command Radar()
    {
        var apply = new Option<bool>("--apply") { Description = "Apply the plan (needs --yes); the default is a dry run" };
        var yes = new Option<bool>("--yes") { Description = "Confirm applying" };
        var json = new Option<bool>("--json") { Description = "Print {plans: [...]}" };
        var state = new Option<string>("--state") { Description = "Pinned radios, kept across runs", DefaultValueFactory = _ => "wlc-radar-pins.json" };
        var minutes = new Option<double>("--non-occupancy") { Description = "Minutes before a pinned radio may return to automatic", DefaultValueFactory = _ => 30 };
        var threshold = new Option<int>("--threshold") { Description = "Release once the radar-detected channel count is below this", DefaultValueFactory = _ => 1 };
        var log = new Option<string>("--log") { Description = "Change log (JSON lines)", DefaultValueFactory = _ => "wlc-changes.jsonl" };
        var cmd = new Command("radar", "Pin radar-downed 5 GHz radios to the quietest W52 channel; release them after the non-occupancy period.") { apply, yes, json, state, minutes, threshold, log };
        cmd.SetAction((pr, ct) => Guard(async () =>
        {
            await using var wlc = Open(pr);
            var pins = PinState.Load(pr.GetValue(state)!);
            var options = new RadarOptions { NonOccupancy = TimeSpan.FromMinutes(pr.GetValue(minutes)), ReleaseThreshold = pr.GetValue(threshold) };
            var plan = await RadarRecovery.PlanAsync(wlc, pins, options, ct);
            Console.WriteLine(pr.GetValue(json) ? plan.ToJson() : plan.ToString());
            if (!pr.GetValue(apply)) return 0;
            if (!pr.GetValue(yes)) { Console.Error.WriteLine("ops wlc: --apply needs --yes; nothing changed"); return 2; }
            await RadarRecovery.ApplyAsync(wlc, plan, pins, true, new ChangeLog(pr.GetValue(log), pr.GetValue(json) ? Console.Error : Console.Out), options, ct);
            return 0;
        }));
        return cmd;
    }

    private static Command Balance()
    {
        var threshold = new Option<int>("--threshold") { Description = "Clients per radio above which to balance", DefaultValueFactory = _ => 40 };
        var essid = new Option<string>("--essid") { Description = "ESSID whose clients are deauthenticated", DefaultValueFactory = _ => "guest" };
        var json = new Option<bool>("--json") { Description = "Print {plans: [...]}" };
        var yes = new Option<bool>("--yes") { Description = "Deauthenticate the planned clients" };
        var log = new Option<string>("--log") { Description = "Change log (JSON lines)", DefaultValueFactory = _ => "wlc-changes.jsonl" };
        var cmd = new Command("balance", "Plan deauthenticating clients of one ESSID from radios over the client threshold.") { threshold, essid, json, yes, log };
        cmd.SetAction((pr, ct) => Guard(async () =>
        {
            await using var wlc = Open(pr);
            var plan = await ClientBalance.PlanAsync(wlc, pr.GetValue(threshold), pr.GetValue(essid)!, ct);
            Console.WriteLine(pr.GetValue(json) ? plan.ToJson() : plan.ToString());
            if (!pr.GetValue(yes)) return 0;
            var n = await ClientBalance.ApplyAsync(wlc, plan, true, new ChangeLog(pr.GetValue(log), pr.GetValue(json) ? Console.Error : Console.Out), ct);
            Console.Error.WriteLine($"deauthenticated {n} client(s)");
            return 0;
        }));
        return cmd;
    }

    private static Command Record()
    {
        var output = new Option<string>("--output", "-o") { Description = "Directory for NAME.snmprec files", Required = true };
        var cmd = new Command("record", "Capture every controller's AIRESPACE subtree for offline replay (--recorded DIR).") { output };
        cmd.SetAction((pr, ct) => Guard(async () =>
        {
            await using var wlc = Open(pr);
            foreach (var path in await wlc.RecordAsync(pr.GetValue(output)!, ct)) Console.WriteLine(path);
            return 0;
        }));
        return cmd;
    }
}
