using System.Diagnostics;
using System.Globalization;
using Ops.Aurora;
using Ops.MySql;
using Ops.MySql.Protocol;
using Driver = MySqlConnector;

namespace Ops.Benchmarks;

/// <summary>
/// <c>aurora-probe PORT [N]</c> against a MariaDB/MySQL on 127.0.0.1:PORT where root has no password
/// (e.g. a throwaway <c>mariadb-install-db --auth-root-authentication-method=normal</c> instance).
/// Side by side, alternating in this process, one fresh-connection probe attempt (TCP connect,
/// handshake, auth, <c>SELECT 1</c>, close) three ways: the probe's own connection (which times each
/// phase), MySqlConnector 2.6.2 without pooling (open and query only), and one <c>mariadb -e</c>
/// process (the shell loop); medians, p90, allocated bytes per attempt and ratios. Then the probe at
/// a 100 ms interval for 10 s, share of late starts (target &lt; 5 %).
/// </summary>
internal static class AuroraProbeBenchmarks
{
    public static int Run(string[] args)
    {
        if (args.Length < 1) { Console.Error.WriteLine("usage: aurora-probe PORT [N]"); return 1; }
        var port = int.Parse(args[0], CultureInfo.InvariantCulture);
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        var settings = new MySqlSettings { Host = "127.0.0.1", Port = port, User = "root" };
        var connectionString = new Driver.MySqlConnectionStringBuilder
        {
            Server = "127.0.0.1", Port = (uint)port, UserID = "root", Pooling = false, SslMode = Driver.MySqlSslMode.None, ConnectionTimeout = 1,
        }.ConnectionString;
        var (ours, driver, cli) = (new List<double>(), new List<double>(), new List<double>());
        var (oursBytes, driverBytes) = (new List<double>(), new List<double>());
        Probe(settings); Connector(connectionString); // JIT
        for (var i = 0; i < runs; i++)
        {
            // Alternate the order so neither client always runs right after the process launch.
            if (i % 2 == 0) { Measure(() => Probe(settings), ours, oursBytes); Measure(() => Connector(connectionString), driver, driverBytes); }
            else { Measure(() => Connector(connectionString), driver, driverBytes); Measure(() => Probe(settings), ours, oursBytes); }
            cli.Add(Cli(port));
        }
        double Med(List<double> v) => EngineProcessBenchmarks.Median(v);
        double P90(List<double> v) => EngineProcessBenchmarks.Percentile(v, 0.9);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"aurora-probe: fresh-connection attempt over {runs} alternating runs\n" +
            $"  probe connection (resolve/connect/handshake/auth/query timed): median {Med(ours):0.000} ms, p90 {P90(ours):0.000} ms, {Med(oursBytes) / 1024:0.0} KiB allocated\n" +
            $"  MySqlConnector 2.6.2, Pooling=false (open + query only):      median {Med(driver):0.000} ms, p90 {P90(driver):0.000} ms, {Med(driverBytes) / 1024:0.0} KiB allocated\n" +
            $"  mariadb -e process:                                           median {Med(cli):0.000} ms\n" +
            $"  ratio probe/MySqlConnector {Med(ours) / Med(driver):0.000}; probe/mariadb {Med(ours) / Med(cli):0.000}"));

        var run = FailoverProbe.Run(new FailoverProbeOptions
        {
            Writer = settings with { Database = null },
            Reader = settings with { Database = null },
            WriterStatement = "SELECT 1",
            ReaderStatement = "SELECT 1",
            Interval = TimeSpan.FromMilliseconds(100),
            Duration = TimeSpan.FromSeconds(10),
        });
        var lateness = run.Attempts.Select(a => a.Lateness.TotalMilliseconds).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"aurora-probe: 100 ms schedule, {run.Attempts.Count} attempts, late starts {run.LateStartFraction:P1} (target < 5 %), lateness median {Med(lateness):0.0} ms p99 {EngineProcessBenchmarks.Percentile(lateness, 0.99):0.0} ms, failures {run.Attempts.Count(a => !a.IsOk)}"));
        return 0;
    }

    private static void Measure(Action attempt, List<double> times, List<double> bytes)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var sw = Stopwatch.StartNew();
        attempt();
        times.Add(sw.Elapsed.TotalMilliseconds);
        bytes.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    private static void Probe(MySqlSettings settings)
    {
        using var session = ProbeConnection.OpenAsync(settings).GetAwaiter().GetResult();
        session.QueryAsync("SELECT 1").GetAwaiter().GetResult();
    }

    private static void Connector(string connectionString)
    {
        using var connection = new Driver.MySqlConnection(connectionString);
        connection.OpenAsync().GetAwaiter().GetResult();
        using var command = new Driver.MySqlCommand("SELECT 1", connection);
        command.ExecuteScalarAsync().GetAwaiter().GetResult();
    }

    private static double Cli(int port)
    {
        var psi = new ProcessStartInfo("mariadb") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--no-defaults", "-h127.0.0.1", $"-P{port}", "-uroot", "-N", "--connect-timeout=1", "-e", "SELECT 1" }) psi.ArgumentList.Add(a);
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var elapsed = sw.Elapsed.TotalMilliseconds;
        if (output.Trim() != "1") throw new InvalidOperationException($"mariadb -e printed '{output.Trim()}': {p.StandardError.ReadToEnd()}");
        return elapsed;
    }
}
