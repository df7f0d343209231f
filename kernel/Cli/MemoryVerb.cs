using System.CommandLine;
using Ops.Memory;

namespace Ops.Kernel.Cli;

/// <summary>
/// <c>ops memory triage</c>: memory alert triage over recorded per-second samples, kills (watchdog mails,
/// kernel OOM-killer and systemd-oomd lines) and (optionally) an access log, for monitoring hooks and terminals.
/// </summary>
internal static class MemoryVerb
{
    public static Command Create()
    {
        var memory = new Command("memory", "Memory alert investigations (kill reports, per-second vmstat/sar samples, worker sizing).");
        memory.Subcommands.Add(Triage());
        return memory;
    }

    private static Command Triage()
    {
        var vmstat = new Option<string[]>("--vmstat") { Description = "Folder(s) or files of timestamped vmstat, vmstat -t or sar -r samples, one host per file (in a folder, other files are skipped with a note)", Required = true, AllowMultipleArgumentsPerToken = true };
        var unit = new Option<string>("--unit") { Description = "Unit of the vmstat memory columns, as vmstat -S: k (1000), K (1024, the default), m (1000000), M (1048576 bytes); sar -r is always kB", DefaultValueFactory = _ => "K" };
        var kills = new Option<string>("--kills") { Description = "Kills: the watchdog's KILLED PROCESSES mail or mbox, dmesg -T or journalctl -k output (kernel OOM killer, systemd-oomd), or a folder of them", Required = true };
        var requests = new Option<string?>("--requests") { Description = "Access log (LTSV or combined with response time) or folder of them" };
        var window = new Option<string?>("--window") { Description = "Only FROM..TO, e.g. 2019-06-14T23:50..2019-06-15T00:10, or times of day on the last sample's day (23:50..00:10); either side may be empty" };
        var dropMb = new Option<double>("--drop-mb") { Description = "Sudden drop: free memory falling by more than this many MB", DefaultValueFactory = _ => 200 };
        var dropSeconds = new Option<double>("--drop-seconds") { Description = "... within this many seconds", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print JSON: verdict, evidence, suddenDrops [{host,time,dropMb}], hosts [{host,anomalyScore}], kills [{host,time,pid,process,rssMb,source}], warnings" };

        var command = new Command("triage", "Answer the three questions (requests? one host or all? jumps or creep?) and give a verdict with the next step.");
        foreach (var o in new Option[] { vmstat, unit, kills, requests, window, dropMb, dropSeconds, json }) command.Options.Add(o);
        command.SetAction(pr => Run(
            pr.GetValue(vmstat)!, pr.GetValue(kills)!, pr.GetValue(requests), pr.GetValue(window),
            pr.GetValue(dropMb), pr.GetValue(dropSeconds), pr.GetValue(json),
            pr.InvocationConfiguration.Output, pr.InvocationConfiguration.Error, pr.GetValue(unit)!));
        return command;
    }

    internal static int Run(string[] vmstatPaths, string killsPath, string? requestsPath, string? window, double dropMb, double dropSeconds, bool json,
        TextWriter output, TextWriter error, string unitLetter = "K")
    {
        try
        {
            if (dropMb <= 0 || dropSeconds <= 0) throw new ArgumentException("--drop-mb and --drop-seconds must be positive");
            var unit = VmstatUnits.Parse(unitLetter);
            var (from, to) = ((DateTime?)null, (DateTime?)null);
            var notes = new List<string>();
            var hosts = HostSeries.LoadPaths(vmstatPaths, unit: unit, notes: notes);
            notes.AddRange(HostSeries.UnitWarnings(hosts, unit));
            var last = hosts.Where(h => h.Count > 0).Select(h => h.Last).Max();
            if (window is not null)
            {
                try { (from, to) = TriageOptions.ParseWindow(window, last); }
                catch (FormatException e) { throw new ArgumentException("--window: " + e.Message); }
            }
            var options = new TriageOptions { From = from, To = to, DropThresholdMb = dropMb, DropWindow = TimeSpan.FromSeconds(dropSeconds) };
            var reports = KillReports.LoadAll(killsPath, around: last, notes: notes);
            var minutes = requestsPath is null ? null : RequestLog.Load(requestsPath, notes: notes);
            foreach (var note in notes) error.WriteLine($"ops memory triage: warning: {note}");
            var result = MemoryTriage.Run(hosts, reports, minutes, options, inputNotes: notes);
            if (json) output.WriteLine(result.ToJson());
            else
            {
                output.WriteLine(result.ToString());
                output.WriteLine();
                output.WriteLine(result.HostsTable().ToPlainText());
                if (result.SuddenDrops.Count > 0)
                {
                    output.WriteLine();
                    output.WriteLine(result.DropsTable(30).ToPlainText());
                }
                if (result.Kills.Count > 0)
                {
                    output.WriteLine();
                    output.WriteLine(result.KillsTable(30).ToPlainText());
                }
            }
            return ExitCodes.Success;
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"ops memory triage: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is MemoryInputException or IOException or FormatException or InvalidOperationException or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"ops memory triage: {e.Message}");
            return ExitCodes.InputError;
        }
    }
}
