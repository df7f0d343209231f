using System.CommandLine;
using System.Globalization;
using Ops.Snmp;
using Ops.Wireless;

namespace Ops.Kernel.Cli;

/// <summary>
/// <c>ops wlc</c>: AP map, overview, channel change, radar recovery, client balancing and recording
/// over SNMP, on live controllers from an inventory or on a recording. Exit codes from
/// <see cref="ExitCodes"/>: 4 when a controller cannot be reached (or does not finish within the
/// time budget), 5 when a change was not confirmed, 3 for an unreadable inventory or recording.
/// </summary>
internal static class WlcVerb
{
    private static readonly Option<string?> Inventory = new("--inventory", "-i") { Description = "Controller inventory YAML (production: controllers: [...])", Recursive = true };
    private static readonly Option<string> Env = new("--env") { Description = "Top-level environment in the inventory", DefaultValueFactory = _ => "production", Recursive = true };
    private static readonly Option<string?> Recorded = new("--recorded") { Description = "Replay controllers from NAME.snmprec / NAME.walk files in this directory instead of SNMP", Recursive = true };
    private static readonly Option<double> TimeBudget = new("--time-budget")
    {
        Description = "Seconds all walks of one controller may take for one command (default 60); rows per table are bounded by the AP count",
        DefaultValueFactory = _ => 60, Recursive = true,
    };
    private static readonly Option<string?> State = new("--state")
    {
        Description = "State folder for radar pins (wlc-radar-pins.json) and the change log (wlc-changes.jsonl); default $XDG_STATE_HOME/ops or ~/.local/state/ops",
        Recursive = true,
    };

    public static Command Create()
    {
        var wlc = new Command("wlc", "Cisco WLC (AIRESPACE-WIRELESS-MIB) operations across Act-Act controllers. Exit 4 when a controller cannot be reached, 5 when a change is not confirmed.");
        wlc.Options.Add(Inventory);
        wlc.Options.Add(Env);
        wlc.Options.Add(Recorded);
        wlc.Options.Add(TimeBudget);
        wlc.Options.Add(State);
        wlc.Subcommands.Add(Map());
        wlc.Subcommands.Add(OverviewCommand());
        wlc.Subcommands.Add(SetChannel());
        wlc.Subcommands.Add(Radar());
        wlc.Subcommands.Add(Balance());
        wlc.Subcommands.Add(Record());
        return wlc;
    }

    private static Wlc Open(ParseResult pr)
    {
        var seconds = pr.GetValue(TimeBudget);
        if (seconds <= 0 || double.IsNaN(seconds)) throw new UsageException($"--time-budget {seconds.ToString(CultureInfo.InvariantCulture)}: give a positive number of seconds");
        return Wlc.Open(pr.GetValue(Inventory), pr.GetValue(Env)!, pr.GetValue(Recorded), WalkBudget.Default with { Time = TimeSpan.FromSeconds(seconds) });
    }

    private static StateFolder StateOf(ParseResult pr) => pr.GetValue(State) is { } dir ? new StateFolder(dir) : StateFolder.Default();

    /// <summary>Runs an action, turning the errors an operator can fix into one line on stderr and the exit code of their kind.</summary>
    private static async Task<int> Guard(ParseResult pr, Func<TextWriter, TextWriter, Task<int>> action)
    {
        var (stdout, stderr) = (pr.InvocationConfiguration.Output, pr.InvocationConfiguration.Error);
        try { return await action(stdout, stderr); }
        catch (OperationCanceledException) { stderr.WriteLine("ops wlc: cancelled"); return 130; }
        catch (Exception e) when (e is SnmpException or TimeoutException)
        {
            stderr.WriteLine("ops wlc: " + e.Message);
            return ExitCodes.Unreachable;
        }
        catch (Exception e) when (e is UsageException or ArgumentException or KeyNotFoundException)
        {
            stderr.WriteLine("ops wlc: " + e.Message);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine("ops wlc: " + e.Message);
            return ExitCodes.InputError;
        }
        catch (InvalidOperationException e)
        {
            stderr.WriteLine("ops wlc: " + e.Message);
            return ExitCodes.Finding;
        }
    }

    /// <summary>Problems go to stderr (also with --json); a controller that was not read makes the exit code 4.</summary>
    private static int Report(TextWriter stderr, IEnumerable<string> problems, int notRead, bool print)
    {
        if (print) foreach (var p in problems) stderr.WriteLine("ops wlc: " + p);
        return notRead > 0 ? ExitCodes.Unreachable : ExitCodes.Success;
    }

    private static Command Map()
    {
        var output = new Option<string?>("--output", "-o") { Description = "Save the map as YAML (host/name/apoid)" };
        var previous = new Option<string?>("--previous") { Description = "Compare with a saved map: report APs now on no controller or moved" };
        var cmd = new Command("map", "Walk bsnAPName on every controller at once and print which controller holds each AP. Exit 1 when APs moved or vanished, 4 when a controller cannot be reached.") { output, previous };
        cmd.SetAction((pr, ct) => Guard(pr, async (stdout, stderr) =>
        {
            await using var wlc = Open(pr);
            var prev = pr.GetValue(previous) is { } p ? ApMap.Load(p) : null;
            var map = await wlc.MapAsync(prev, ct);
            stdout.WriteLine(map.ToString());
            if (pr.GetValue(output) is { } path) { map.Save(path); stdout.WriteLine($"saved {map.Entries.Count} APs to {path}"); }
            var notRead = map.Problems.Count(p => p.Contains(" skipped: ", StringComparison.Ordinal));
            return notRead > 0 ? ExitCodes.Unreachable : map.Problems.Count > 0 ? ExitCodes.Finding : ExitCodes.Success;
        }));
        return cmd;
    }

    private static Command OverviewCommand()
    {
        var ap = new Option<string?>("--ap", "--hostname") { Description = "AP name (a trailing * matches a prefix)" };
        var band = new Option<string?>("--band") { Description = "5 or 2.4" };
        var group = new Option<string?>("--group") { Description = "AP group name" };
        var json = new Option<bool>("--json") { Description = "Print the JSON contract instead of the table (problems still go to stderr)" };
        var cmd = new Command("overview", "One row per AP radio across all controllers: band, status, channel, power, clients, utilization. Exit 4 when a controller cannot be reached.") { ap, band, group, json };
        cmd.SetAction((pr, ct) => Guard(pr, async (stdout, stderr) =>
        {
            await using var wlc = Open(pr);
            var overview = await wlc.OverviewAsync(pr.GetValue(ap), pr.GetValue(group), pr.GetValue(band) is { } b ? BandText.Parse(b) : null, ct);
            var asJson = pr.GetValue(json);
            if (overview.ControllersNotRead < wlc.Sources.Count) stdout.WriteLine(asJson ? overview.ToJson() : overview.ToString());
            else if (asJson) stdout.WriteLine("[]");
            // The table already lists its problems; JSON and an empty result get them on stderr.
            return Report(stderr, overview.Problems, overview.ControllersNotRead, asJson || overview.ControllersNotRead == wlc.Sources.Count);
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
        var cmd = new Command("set-channel", "Change a radio's channel wherever the AP is joined; shows Current/New and asks first. Exit 5 when not confirmed. The change log goes to the state folder.") { ap, band, channel, auto, width, yes };
        cmd.SetAction((pr, ct) => Guard(pr, async (stdout, stderr) =>
        {
            if (pr.GetValue(channel) is null == !pr.GetValue(auto)) throw new UsageException("give --channel N or --auto");
            await using var wlc = Open(pr);
            var plan = await ChannelChange.PlanAsync(wlc, pr.GetValue(ap)!, BandText.Parse(pr.GetValue(band)!), pr.GetValue(channel), pr.GetValue(width), ct);
            stdout.WriteLine(plan.ToString());
            stdout.WriteLine();
            if (!Confirmed(pr.GetValue(yes), stdout, stderr)) { stdout.WriteLine("not applied"); return ExitCodes.NotConfirmed; }
            stdout.WriteLine("Applying...");
            var result = await ChannelChange.ApplyAsync(wlc, plan, true, StateOf(pr).ChangeLog(stdout), ct);
            foreach (var line in result.OperatorCommands) stdout.WriteLine(line);
            return ExitCodes.Success;
        }));
        return cmd;
    }

    /// <summary>"Are you really sure? (y/n)", only when a person is at the terminal.</summary>
    private static bool Confirmed(bool yes, TextWriter stdout, TextWriter stderr)
    {
        if (yes) return true;
        if (Console.IsInputRedirected) { stderr.WriteLine("ops wlc: no terminal to confirm on; pass --yes to apply"); return false; }
        stdout.Write("Are you really sure? (y/n)");
        return Console.ReadLine()?.Trim().Equals("y", StringComparison.OrdinalIgnoreCase) == true;
    }

    private static Command Radar()
    {
        var apply = new Option<bool>("--apply") { Description = "Apply the plan (needs --yes); the default is a dry run that lists exactly what an apply would do" };
        var yes = new Option<bool>("--yes") { Description = "Confirm applying" };
        var json = new Option<bool>("--json") { Description = "Print {plans: [...]} (the rest goes to stderr)" };
        var minutes = new Option<double>("--non-occupancy") { Description = "Minutes before a pinned radio may return to automatic", DefaultValueFactory = _ => 30 };
        var cmd = new Command("radar", "Pin radar-downed 5 GHz radios to the quietest W52 channel; release a pin after the non-occupancy period once the radio no longer lists radar on the channels that made it pin. Pins and the change log live in the state folder. Exit 5 when --apply is not confirmed.")
        { apply, yes, json, minutes };
        cmd.SetAction((pr, ct) => Guard(pr, async (stdout, stderr) =>
        {
            if (pr.GetValue(minutes) is < 0 or double.NaN) throw new UsageException("--non-occupancy: give minutes, 0 or more");
            await using var wlc = Open(pr);
            var state = StateOf(pr);
            var pins = state.LoadPins();
            var options = new RadarOptions { NonOccupancy = TimeSpan.FromMinutes(pr.GetValue(minutes)) };
            var plan = await RadarRecovery.PlanAsync(wlc, pins, options, ct);
            var asJson = pr.GetValue(json);
            stdout.WriteLine(asJson ? plan.ToJson() : plan.ToString());
            var info = asJson ? stderr : stdout;
            if (!pr.GetValue(apply))
            {
                if (plan.Plans.Count > 0)
                {
                    info.WriteLine("dry run; --apply --yes would:");
                    foreach (var line in RadarRecovery.DescribeApply(wlc, plan, pins, state.ChangeLogPath)) info.WriteLine("  " + line);
                }
                return ExitCodes.Success;
            }
            if (!pr.GetValue(yes)) { stderr.WriteLine("ops wlc: --apply needs --yes; nothing changed"); return ExitCodes.NotConfirmed; }
            await RadarRecovery.ApplyAsync(wlc, plan, pins, true, state.ChangeLog(info), options, ct);
            if (plan.Plans.Count > 0) info.WriteLine($"pins: {state.PinsPath}; change log: {state.ChangeLogPath}");
            return ExitCodes.Success;
        }));
        return cmd;
    }

    private static Command Balance()
    {
        var threshold = new Option<int>("--threshold") { Description = "Clients per radio above which to balance", DefaultValueFactory = _ => 40 };
        var essid = new Option<string>("--essid") { Description = "ESSID whose clients are deauthenticated", DefaultValueFactory = _ => "guest" };
        var json = new Option<bool>("--json") { Description = "Print {plans: [...]} (warnings go to stderr)" };
        var yes = new Option<bool>("--yes") { Description = "Deauthenticate the planned clients" };
        var cmd = new Command("balance", "Plan deauthenticating clients of one ESSID from radios over the client threshold; warns about an ESSID no client uses.") { threshold, essid, json, yes };
        cmd.SetAction((pr, ct) => Guard(pr, async (stdout, stderr) =>
        {
            await using var wlc = Open(pr);
            var plan = await ClientBalance.PlanAsync(wlc, pr.GetValue(threshold), pr.GetValue(essid)!, ct);
            stdout.WriteLine(pr.GetValue(json) ? plan.ToJson() : plan.ToTable().ToPlainText());
            foreach (var w in plan.Warnings) stderr.WriteLine("ops wlc: warning: " + w);
            if (!pr.GetValue(yes)) return ExitCodes.Success;
            var n = await ClientBalance.ApplyAsync(wlc, plan, true, StateOf(pr).ChangeLog(pr.GetValue(json) ? stderr : stdout), ct);
            stderr.WriteLine($"deauthenticated {n} client(s)");
            return ExitCodes.Success;
        }));
        return cmd;
    }

    private static Command Record()
    {
        var output = new Option<string>("--output", "-o") { Description = "Directory for NAME.snmprec files", Required = true };
        var cmd = new Command("record", "Capture every controller's AIRESPACE subtree for offline replay (--recorded DIR). Exit 4 when a controller cannot be reached.") { output };
        cmd.SetAction((pr, ct) => Guard(pr, async (stdout, _) =>
        {
            await using var wlc = Open(pr);
            foreach (var path in await wlc.RecordAsync(pr.GetValue(output)!, ct)) stdout.WriteLine(path);
            return ExitCodes.Success;
        }));
        return cmd;
    }
}
