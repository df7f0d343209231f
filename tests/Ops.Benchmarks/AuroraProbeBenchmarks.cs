using System.Diagnostics;
using System.Globalization;
using Ops.Aurora;
using Ops.MySql;

namespace Ops.Benchmarks;

/// <summary>
/// <c>aurora-probe PORT [N]</c> against a MariaDB/MySQL on 127.0.0.1:PORT where root has no password
/// (e.g. a throwaway <c>mariadb-install-db --auth-root-authentication-method=normal</c> instance):
/// one probe attempt (TCP connect, handshake, auth, <c>SELECT 1</c>, COM_QUIT) with our client vs one
/// <c>mariadb -e "SELECT 1"</c> process (the seed's shell loop), alternating, medians and ratio; then
/// the probe at a 100 ms interval for 10 s, share of late starts (target &lt; 5 %).
/// </summary>
internal static class AuroraProbeBenchmarks
{
    public static int Run(string[] args)
    {
        if (args.Length < 1) { Console.Error.WriteLine("usage: aurora-probe PORT [N]"); return 1; }
        var port = int.Parse(args[0], CultureInfo.InvariantCulture);
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        var settings = new MySqlSettings { Host = "127.0.0.1", Port = port, User = "root" };
        var ours = new List<double>();
        var theirs = new List<double>();
        Attempt(settings); // JIT
        for (var i = 0; i < runs; i++)
        {
            ours.Add(Attempt(settings));
            theirs.Add(Cli(port));
        }
        var (o, t) = (EngineProcessBenchmarks.Median(ours), EngineProcessBenchmarks.Median(theirs));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"aurora-probe: fresh-connection attempt median {o:0.00} ms (p90 {EngineProcessBenchmarks.Percentile(ours, 0.9):0.00}); mariadb -e median {t:0.00} ms; ratio {o / t:0.000} over {runs} runs"));

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
        Console.WriteLine("aurora-probe: late attempts (role#seq:ms): " + string.Join(" ", run.Attempts.Where(a => a.Lateness.TotalMilliseconds > 25).Take(40).Select(a => $"{a.Role}#{a.Sequence}:{a.Lateness.TotalMilliseconds:0}")));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"aurora-probe: 100 ms schedule, {run.Attempts.Count} attempts, late starts {run.LateStartFraction:P1} (target < 5 %), lateness median {EngineProcessBenchmarks.Median(lateness):0.0} ms p99 {EngineProcessBenchmarks.Percentile(lateness, 0.99):0.0} ms, failures {run.Attempts.Count(a => !a.IsOk)}"));
        return 0;
    }

    private static double Attempt(MySqlSettings settings)
    {
        var sw = Stopwatch.StartNew();
        using (var session = MySqlSession.OpenAsync(settings).GetAwaiter().GetResult())
            session.QueryAsync("SELECT 1").GetAwaiter().GetResult();
        return sw.Elapsed.TotalMilliseconds;
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
