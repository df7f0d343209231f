using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Ops.Aurora;
using Ops.Aurora.Rds;
using Ops.MySql;

namespace Ops.Kernel.Cli;

/// <summary>
/// <c>ops aurora probe|analyze|failover</c>: measure a failover from the client's side, analyze recorded
/// runs (the seed's downtime table), and trigger FailoverDBCluster.
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
                        // Temp file then rename: an interrupted write never leaves half a run file.
                        var temp = path + ".tmp";
                        run.Save(temp);
                        File.Move(temp, path, overwrite: true);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        stderr.WriteLine($"ops aurora probe: --out {path}: cannot write the run: {e.Message}");
                        return ExitCodes.Usage;
                    }
                    stderr.WriteLine($"wrote {run.Attempts.Count} attempts to {path}");
                }
                var trials = FailoverTrials.Analyze([run]);
                stdout.WriteLine(trials.ToTable().ToPlainText());
                stdout.WriteLine(trials.ToDetailTable().ToPlainText());
                stdout.WriteLine($"late starts: {run.LateStartFraction:P1}");
                return 0;
            }
            catch (UsageException e)
            {
                stderr.WriteLine("ops aurora probe: " + e.Message);
                return 2;
            }
            catch (ArgumentException e)
            {
                stderr.WriteLine("ops aurora probe: " + e.Message);
                return 2;
            }
        });
        return command;
    }

    private static Command Analyze()
    {
        var runs = new Argument<string[]>("runs") { Description = "Run files written by `ops aurora probe --out` (one trial each)", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print {trials:[{writer:{downtimeSeconds,readOnlySeconds},reader:{downtimeSeconds}}]} instead of tables" };
        var stable = new Option<int>("--stable") { Description = "Consecutive successes that end an outage", DefaultValueFactory = _ => DowntimeAnalysis.DefaultStableSuccesses };
        var command = new Command("analyze", "Downtime per role and trial (first failure to first stable success), read-only tail, flaps, with mean/median/max.");
        command.Arguments.Add(runs);
        command.Options.Add(json);
        command.Options.Add(stable);
        command.SetAction(pr =>
        {
            var (stdout, stderr) = (pr.InvocationConfiguration.Output, pr.InvocationConfiguration.Error);
            try
            {
                var trials = FailoverTrials.Load(pr.GetValue(runs)!, pr.GetValue(stable));
                if (pr.GetValue(json))
                    stdout.WriteLine(trials.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                else
                {
                    stdout.WriteLine(trials.ToTable().ToPlainText());
                    stdout.WriteLine();
                    stdout.WriteLine(trials.ToDetailTable().ToPlainText());
                }
                return 0;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
            {
                stderr.WriteLine("ops aurora analyze: " + e.Message);
                return 2;
            }
        });
        return command;
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
                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or Amazon.Runtime.AmazonClientException or UriFormatException)
            {
                stderr.WriteLine("ops aurora failover: " + e.Message);
                return 1;
            }
        });
        return command;
    }

    private sealed class UsageException(string message) : Exception(message);

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
