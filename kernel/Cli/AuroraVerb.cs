using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ops.Aurora;
using Ops.Aurora.Rds;
using Ops.MySql;

namespace Ops.Kernel.Cli;

/// <summary>
/// <c>ops aurora probe|analyze|failover</c>: measure a failover from the client's side, analyze recorded
/// runs (every outage per role and trial, headline downtime table, two configurations compared), and trigger FailoverDBCluster.
/// </summary>
internal static class AuroraVerb
{
    public static Command Create()
    {
        var command = new Command("aurora", "Aurora failover timing: probe writer/reader endpoints during a failover, analyze recorded runs, trigger a failover.");
        command.Subcommands.Add(Probe());
        command.Subcommands.Add(Analyze());
        command.Subcommands.Add(Failover());
        return command;
    }

    private static Command Probe()
    {
        var writer = new Option<string>("--writer") { Description = "Cluster (writer) endpoint, HOST[:PORT]", Required = true };
        var reader = new Option<string?>("--reader") { Description = "Reader endpoint, HOST[:PORT] (omit to probe only the writer)" };
        var user = new Option<string>("--user") { Description = "MySQL user (needs SELECT and UPDATE on the probe table)", Required = true };
        var passwordEnv = new Option<string?>("--password-env") { Description = "Name of the environment variable holding the password (never pass a password on the command line)" };
        var database = new Option<string>("--database") { Description = "Database holding the probe table", Required = true };
        var table = new Option<string>("--table") { Description = "Probe table (UPDATE t SET col=UNIX_TIMESTAMP() / SELECT col FROM t)", DefaultValueFactory = _ => "test" };
        var column = new Option<string>("--column") { Description = "Probe column", DefaultValueFactory = _ => "col" };
        var interval = new Option<string>("--interval") { Description = "Time between attempts per role (>= 50ms)", DefaultValueFactory = _ => "100ms" };
        var duration = new Option<string>("--duration") { Description = "How long to probe", DefaultValueFactory = _ => "120s" };
        var count = new Option<int?>("--count") { Description = "Stop after this many attempts per role (before --duration if smaller)" };
        var connectTimeout = new Option<string>("--connect-timeout") { Description = "TCP connect timeout per attempt", DefaultValueFactory = _ => "1s" };
        var attemptTimeout = new Option<string?>("--attempt-timeout") { Description = "Hard limit of one attempt, all phases together (default: connect + handshake + 2 x query timeout)" };
        var pooled = new Option<bool>("--pooled") { Description = "Reuse one connection per role until it fails (default: fresh connection per attempt, like a shell probe loop)" };
        var tls = new Option<bool>("--tls") { Description = "Require TLS (server certificate validated by the system)" };
        var label = new Option<string?>("--label") { Description = "Trial label stored in the run file" };
        var configuration = new Option<string?>("--configuration") { Description = "Configuration under test, stored in the run file (e.g. 'aurora endpoints')" };
        var output = new Option<string?>("--out") { Description = "Write the recorded run (JSON) here for `ops aurora analyze`" };
        var quiet = new Option<bool>("--quiet") { Description = "Do not print outcome changes while probing" };

        var command = new Command("probe", "Probe the writer and reader endpoints on a fixed schedule while you fail over; prints the downtime analysis.");
        foreach (var o in new Option[] { writer, reader, user, passwordEnv, database, table, column, interval, duration, count, connectTimeout, attemptTimeout, pooled, tls, label, configuration, output, quiet })
            command.Options.Add(o);
        command.SetAction(async (pr, ct) =>
        {
            var (stdout, stderr) = (pr.InvocationConfiguration.Output, pr.InvocationConfiguration.Error);
            try
            {
                var password = "";
                if (pr.GetValue(passwordEnv) is { } variable)
                    password = Environment.GetEnvironmentVariable(variable)
                        ?? throw new UsageException($"--password-env {variable}: the environment variable is not set; export it first (read -s {variable}; export {variable})");
                MySqlSettings Settings(string endpoint)
                {
                    var (host, port) = ParseEndpoint(endpoint);
                    return new MySqlSettings
                    {
                        Host = host, Port = port, User = pr.GetValue(user)!, Password = password, Database = pr.GetValue(database),
                        ConnectTimeout = ParseDuration(pr.GetValue(connectTimeout)!, "--connect-timeout"),
                        Tls = pr.GetValue(tls) ? TlsMode.Required : TlsMode.None,
                    };
                }
                // Checked before probing: a bad path must not cost the run.
                if (pr.GetValue(output) is { } outPath)
                {
                    if (Directory.Exists(outPath))
                        throw new UsageException($"--out {outPath}: is a directory; give a file such as {Path.Combine(outPath, "trial-1.json")}");
                    if (Path.GetDirectoryName(Path.GetFullPath(outPath)) is { } parent && !Directory.Exists(parent))
                        throw new UsageException($"--out {outPath}: the directory {parent} does not exist; create it first");
                }
                var writerSettings = Settings(pr.GetValue(writer)!);
                var lastOutcome = new Dictionary<ProbeRole, AttemptOutcome>();
                var printLock = new object();
                var options = new FailoverProbeOptions
                {
                    Writer = writerSettings,
                    Reader = pr.GetValue(reader) is { } r ? Settings(r) : null,
                    Table = pr.GetValue(table)!,
                    Column = pr.GetValue(column)!,
                    Interval = ParseDuration(pr.GetValue(interval)!, "--interval"),
                    Duration = ParseDuration(pr.GetValue(duration)!, "--duration"),
                    Count = pr.GetValue(count),
                    AttemptTimeout = pr.GetValue(attemptTimeout) is { } limit ? ParseDuration(limit, "--attempt-timeout") : null,
                    Pooled = pr.GetValue(pooled),
                    Label = pr.GetValue(label) ?? "",
                    Configuration = pr.GetValue(configuration) ?? "",
                    OnAttempt = pr.GetValue(quiet) ? null : a =>
                    {
                        lock (printLock)
                        {
                            if (lastOutcome.TryGetValue(a.Role, out var previous) && previous == a.Outcome) return;
                            lastOutcome[a.Role] = a.Outcome;
                            stderr.WriteLine($"{a.StartedAt:HH:mm:ss.fff} {a.Role.ToString().ToLowerInvariant(),-6} {a.Outcome.Name(),-9} {a.Instance?.ToString() ?? ""} {a.Message ?? ""}".TrimEnd());
                        }
                    },
                };
                stderr.WriteLine($"probing {writerSettings.Endpoint}{(options.Reader is null ? "" : " and " + options.Reader.Endpoint)} every {options.Interval.TotalMilliseconds:0} ms for {options.Duration?.TotalSeconds:0} s; Ctrl+C stops early");
                var run = await FailoverProbe.RunAsync(options, ct);
                if (pr.GetValue(output) is { } path)
                {
                    try
                    {
                        run.Save(path); // temp file then rename: never half a run file
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        stderr.WriteLine($"ops aurora probe: --out {path}: cannot write the run: {e.Message}");
                        return ExitCodes.InputError;
                    }
                    stderr.WriteLine($"wrote {run.Attempts.Count} attempts to {path}");
                }
                var trials = FailoverTrials.Analyze([run]);
                stdout.WriteLine(trials.ToTable().ToPlainText());
                stdout.WriteLine(trials.ToDetailTable().ToPlainText());
                stdout.WriteLine($"late starts: {run.LateStartFraction:P1}");
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is UsageException or ArgumentException)
            {
                stderr.WriteLine("ops aurora probe: " + e.Message);
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static Command Analyze()
    {
        var runs = new Argument<string[]>("runs") { Description = "Run files written by `ops aurora probe --out`, or shell probe-loop logs (one trial each, named by the file)", Arity = ArgumentArity.ZeroOrMore };
        var before = new Option<string[]>("--before") { Description = "Compare mode: the runs before the change (then give --after too)", AllowMultipleArgumentsPerToken = true };
        var after = new Option<string[]>("--after") { Description = "Compare mode: the runs after the change", AllowMultipleArgumentsPerToken = true };
        var events = new Option<string[]>("--events") { Description = "`aws rds describe-events --source-type db-cluster --output json` output: events placed on the runs they fall in", AllowMultipleArgumentsPerToken = true };
        var logRole = new Option<string>("--log-role") { Description = "Role probed by the shell loop logs given (writer or reader)", DefaultValueFactory = _ => "writer" };
        var json = new Option<bool>("--json") { Description = "Print {trials:[{label, writer:{downtimeSeconds,readOnlySeconds,recovered,outages,blips}, reader:{...}, events}], summary} instead of tables" };
        var stable = new Option<int>("--stable") { Description = "Consecutive successes that end an outage", DefaultValueFactory = _ => DowntimeAnalysis.DefaultStableSuccesses };
        var minOutage = new Option<string?>("--min-outage") { Description = "Recovered outages shorter than this are blips, not downtime (default: an outage of one single failed attempt is a blip)" };
        var command = new Command("analyze", "Every outage per role and trial (failure to first stable success), blips, read-only tail, flaps, RDS events; headline = longest outage, with mean/median/max. Two configurations are compared side by side.");
        command.Arguments.Add(runs);
        foreach (var o in new Option[] { before, after, events, logRole, json, stable, minOutage }) command.Options.Add(o);
        command.SetAction(pr =>
        {
            var (stdout, stderr) = (pr.InvocationConfiguration.Output, pr.InvocationConfiguration.Error);
            try
            {
                var (positional, b, a) = (pr.GetValue(runs) ?? [], pr.GetValue(before) ?? [], pr.GetValue(after) ?? []);
                if ((b.Length > 0) != (a.Length > 0)) throw new UsageException("compare mode needs both --before RUNS and --after RUNS");
                if (b.Length > 0 && positional.Length > 0) throw new UsageException("give the runs either as arguments or with --before/--after, not both");
                if (b.Length == 0 && positional.Length == 0) throw new UsageException("no runs given; write `ops aurora analyze RUN...` or `--before RUNS --after RUNS`");
                var stableSuccesses = pr.GetValue(stable);
                if (stableSuccesses < 1) throw new UsageException($"--stable {stableSuccesses}: at least one success must end an outage");
                var minSeconds = pr.GetValue(minOutage) is { } m ? ParseDuration(m, "--min-outage").TotalSeconds : (double?)null;
                var role = pr.GetValue(logRole) switch
                {
                    "writer" => ProbeRole.Writer,
                    "reader" => ProbeRole.Reader,
                    var other => throw new UsageException($"--log-role '{other}': write writer or reader"),
                };
                var rdsEvents = (pr.GetValue(events) ?? []).SelectMany(RdsEvents.Load).OrderBy(e => e.At).ToList();

                FailoverTrials Group(IEnumerable<ProbeRun> group, string configuration = "") =>
                    FailoverTrials.Analyze(group, stableSuccesses, configuration, minSeconds).WithEvents(rdsEvents);
                List<ProbeRun> Read(string[] paths) => paths.Select(p => ProbeRun.LoadAny(p, role)).ToList();

                var groups = new List<FailoverTrials>();
                if (b.Length > 0)
                {
                    var (rb, ra) = (Read(b), Read(a));
                    groups.Add(Group(rb, Configuration(rb, "before")));
                    groups.Add(Group(ra, Configuration(ra, "after")));
                }
                else
                {
                    var all = Read(positional);
                    var configurations = all.Select(r => r.Configuration).Distinct().ToList();
                    if (configurations.Count > 2)
                        throw new UsageException($"the runs hold {configurations.Count} configurations ({string.Join(", ", configurations.Select(c => c.Length == 0 ? "none" : $"'{c}'"))}); compare two groups at a time with --before RUNS --after RUNS");
                    // Runs of two configurations are two groups, never one average.
                    groups.AddRange(configurations.Select(c => Group(all.Where(r => r.Configuration == c), c)));
                }

                var placed = groups.SelectMany(g => g.Trials).SelectMany(t => t.Events).Distinct().Count();
                if (rdsEvents.Count > placed)
                    stderr.WriteLine($"ops aurora analyze: {rdsEvents.Count - placed} of {rdsEvents.Count} RDS events fall outside every run (first at {rdsEvents.First(e => !groups.Any(g => g.Trials.Any(t => t.Events.Contains(e)))).At.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z); check the runs' clocks and time zones");
                foreach (var t in groups.SelectMany(g => g.Trials))
                    foreach (var d in new[] { t.Writer, t.Reader })
                        if (d.Attempts > 0 && !d.Recovered)
                            stderr.WriteLine($"ops aurora analyze: {t.Label}: the {d.Role.ToString().ToLowerInvariant()} had not recovered when the run ended; its downtime is a lower bound");

                var comparison = groups.Count == 2 ? FailoverComparison.Of(groups[0], groups[1]) : null;
                if (pr.GetValue(json))
                    stdout.WriteLine((comparison?.ToJson() ?? groups[0].ToJson()).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                else
                {
                    if (comparison is not null)
                    {
                        stdout.WriteLine(comparison.ToTable().ToPlainText());
                        stdout.WriteLine();
                    }
                    foreach (var g in groups)
                    {
                        stdout.WriteLine(g.ToTable().ToPlainText());
                        stdout.WriteLine();
                        stdout.WriteLine(g.ToDetailTable().ToPlainText());
                        stdout.WriteLine();
                        stdout.WriteLine(g.ToOutageTable().ToPlainText());
                        stdout.WriteLine();
                    }
                }
                return ExitCodes.Success;
            }
            catch (UsageException e)
            {
                stderr.WriteLine("ops aurora analyze: " + e.Message);
                return ExitCodes.Usage;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                stderr.WriteLine("ops aurora analyze: " + e.Message);
                return ExitCodes.InputError;
            }
        });
        return command;
    }

    /// <summary>A group's configuration: the one its runs share, else the given name.</summary>
    private static string Configuration(List<ProbeRun> runs, string fallback)
    {
        var names = runs.Select(r => r.Configuration).Distinct().ToList();
        return names.Count == 1 && names[0].Length > 0 ? names[0] : fallback;
    }

    private static Command Failover()
    {
        var cluster = new Option<string>("--cluster") { Description = "DBClusterIdentifier", Required = true };
        var target = new Option<string?>("--target") { Description = "TargetDBInstanceIdentifier (the replica to promote)" };
        var region = new Option<string?>("--region") { Description = "AWS region (default AWS_REGION / AWS_DEFAULT_REGION)" };
        var endpoint = new Option<string?>("--endpoint") { Description = "Override the RDS endpoint URL" };
        var command = new Command("failover", "Trigger FailoverDBCluster (SigV4, credentials from the standard AWS chain) and print the time it was requested.");
        foreach (var o in new Option[] { cluster, target, region, endpoint }) command.Options.Add(o);
        command.SetAction(async (pr, ct) =>
        {
            var (stdout, stderr) = (pr.InvocationConfiguration.Output, pr.InvocationConfiguration.Error);
            try
            {
                var result = await RdsFailover.TriggerAsync(pr.GetValue(cluster)!, pr.GetValue(target), pr.GetValue(region),
                    pr.GetValue(endpoint) is { } e ? new Uri(e) : null, cancellationToken: ct);
                stdout.WriteLine($"{result.RequestedAt:yyyy-MM-ddTHH:mm:ss.fffZ} FailoverDBCluster {result.ClusterIdentifier}: status {result.Status ?? "?"} (request {result.RequestId ?? "?"})");
                return ExitCodes.Success;
            }
            catch (UriFormatException e)
            {
                stderr.WriteLine("ops aurora failover: --endpoint: " + e.Message);
                return ExitCodes.Usage;
            }
            catch (HttpRequestException e)
            {
                stderr.WriteLine("ops aurora failover: " + e.Message);
                return ExitCodes.Unreachable;
            }
            catch (Exception e) when (e is InvalidOperationException or Amazon.Runtime.AmazonClientException)
            {
                stderr.WriteLine("ops aurora failover: " + e.Message);
                return ExitCodes.Finding;
            }
        });
        return command;
    }

    /// <summary>HOST, HOST:PORT or [V6]:PORT; the port defaults to 3306.</summary>
    internal static (string Host, int Port) ParseEndpoint(string text)
    {
        text = text.Trim();
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0) throw new UsageException($"'{text}': missing ']' in an IPv6 endpoint; write [::1]:3306");
            var host = text[1..close];
            var rest = text[(close + 1)..];
            return (host, rest.StartsWith(':') ? Port(rest[1..], text) : 3306);
        }
        var colon = text.LastIndexOf(':');
        if (colon > 0 && text.IndexOf(':') == colon) return (text[..colon], Port(text[(colon + 1)..], text));
        if (text.Length == 0) throw new UsageException("empty endpoint; write HOST[:PORT]");
        return (text, 3306);
    }

    private static int Port(string text, string endpoint) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536
            ? p
            : throw new UsageException($"'{endpoint}': port '{text}' is not a number from 1 to 65535");

    /// <summary>"100ms", "1.5s", "2m", "1h"; a bare number is seconds.</summary>
    internal static TimeSpan ParseDuration(string text, string option)
    {
        var t = text.Trim().ToLowerInvariant();
        var (number, scale) = t.EndsWith("ms") ? (t[..^2], 0.001)
            : t.EndsWith('s') ? (t[..^1], 1.0)
            : t.EndsWith('m') ? (t[..^1], 60.0)
            : t.EndsWith('h') ? (t[..^1], 3600.0)
            : (t, 1.0);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0)
            throw new UsageException($"{option} '{text}': not a duration; write e.g. 100ms, 1s, 2m");
        return TimeSpan.FromSeconds(value * scale);
    }
}
