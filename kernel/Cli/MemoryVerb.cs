using System.CommandLine;
using Ops.Memory;

namespace Ops.Kernel.Cli;

/// <summary>
/// <c>ops memory triage</c>: the seed's memory alert triage over recorded per-second samples, kill
/// reports and (optionally) an access log, for monitoring hooks and terminals.
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
        var vmstat = new Option<string>("--vmstat") { Description = "Folder with one timestamped vmstat, vmstat -t or sar -r file per host", Required = true };
        var kills = new Option<string>("--kills") { Description = "Watchdog 'KILLED PROCESSES' mail, mbox or folder of them", Required = true };
        var requests = new Option<string?>("--requests") { Description = "Access log (LTSV or combined with response time) or folder of them" };
        var window = new Option<string?>("--window") { Description = "Only FROM..TO, e.g. 2019-06-14T23:50..2019-06-15T00:10, or times of day on the last sample's day (23:50..00:10); either side may be empty" };
        var dropMb = new Option<double>("--drop-mb") { Description = "Sudden drop: free memory falling by more than this many MB", DefaultValueFactory = _ => 200 };
        var dropSeconds = new Option<double>("--drop-seconds") { Description = "... within this many seconds", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print JSON: verdict, evidence, suddenDrops [{host,time,dropMb}], hosts [{host,anomalyScore}]" };

        var command = new Command("triage", "Answer the three questions (requests? one host or all? jumps or creep?) and give a verdict with the next step.");
        foreach (var o in new Option[] { vmstat, kills, requests, window, dropMb, dropSeconds, json }) command.Options.Add(o);
        command.SetAction(pr => Run(
            pr.GetValue(vmstat)!, pr.GetValue(kills)!, pr.GetValue(requests), pr.GetValue(window),
            pr.GetValue(dropMb), pr.GetValue(dropSeconds), pr.GetValue(json),
            pr.InvocationConfiguration.Output, pr.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(string vmstatDir, string killsPath, string? requestsPath, string? window, double dropMb, double dropSeconds, bool json,
        TextWriter output, TextWriter error)
    {
        try
        {
            if (dropMb <= 0 || dropSeconds <= 0)
            {
                error.WriteLine("ops memory triage: --drop-mb and --drop-seconds must be positive");
                return ExitCodes.Usage;
            }
            var hosts = HostSeries.LoadDirectory(vmstatDir);
            DateTime? from = null, to = null;
            try { if (window is not null) (from, to) = TriageOptions.ParseWindow(window, hosts.Max(h => h.Last)); }
            catch (FormatException e)
            {
                error.WriteLine($"ops memory triage: --window: {e.Message}");
                return ExitCodes.Usage;
            }
            var options = new TriageOptions { From = from, To = to, DropThresholdMb = dropMb, DropWindow = TimeSpan.FromSeconds(dropSeconds) };
            var reports = KillReports.LoadAll(killsPath);
            var minutes = requestsPath is null ? null : RequestLog.Load(requestsPath);
            var result = MemoryTriage.Run(hosts, reports, minutes, options);
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
            }
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is MemoryInputException or IOException or FormatException or ArgumentException or InvalidOperationException
                                      or InvalidDataException or UnauthorizedAccessException)
        {
            error.WriteLine($"ops memory triage: {e.Message}");
            return ExitCodes.InputError;
        }
    }
}
