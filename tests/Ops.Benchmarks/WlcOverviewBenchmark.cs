using System.Diagnostics;
using System.Globalization;
using Ops.Snmp;
using Ops.Wireless;

namespace Ops.Benchmarks;

/// <summary>
/// <c>wlc-overview [iterations]</c>: the overview of 127 APs on two snmpsimd agents (one per
/// controller), by our client (in process, and as the <c>ops wlc overview</c> process) against
/// net-snmp's <c>snmpbulkwalk -Cr50</c> of the same columns run one after another, alternating runs.
/// Reports median times, PDU counts and the ratio (goal ≤ 0.5).
/// </summary>
public static class WlcOverviewBenchmark
{
    private static readonly Oid[] Columns = [.. AirespaceOids.ApColumns, .. AirespaceOids.RadioColumns, .. AirespaceOids.LoadColumns];

    public static int Run(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        var work = Directory.CreateTempSubdirectory("ops-bench-wlc-").FullName;
        var agents = new List<Process>();
        try
        {
            var ports = new Dictionary<string, int>();
            foreach (var (name, _) in SimulatedWlc.Generate())
            {
                var dir = Path.Combine(work, name);
                Directory.CreateDirectory(dir);
                ports[name] = 0;
            }
            var all = Path.Combine(work, "all");
            SimulatedWlc.WriteSnmprec(all);
            foreach (var name in ports.Keys.ToList())
            {
                File.Copy(Path.Combine(all, name + ".snmprec"), Path.Combine(work, name, name + ".snmprec"));
                var (process, port) = StartSnmpsim(Path.Combine(work, name), work);
                agents.Add(process);
                ports[name] = port;
            }
            var inventory = Path.Combine(work, "inventory.yaml");
            File.WriteAllText(inventory, "production:\n  controllers:\n" + string.Concat(ports.Select(p =>
                $"    - name: {p.Key}\n      address: 127.0.0.1\n      port: {p.Value}\n      community: env:{p.Key}_COMMUNITY\n")));
            var opsDll = Path.Combine(AppContext.BaseDirectory, "ops.dll");

            // Warm both sides once (snmpsim builds its indexes, .NET JITs).
            Ours(ports);
            Peer(ports);

            var ours = new List<(double Ms, int Pdus)>();
            var oursProcess = new List<double>();
            var peer = new List<(double Ms, int Pdus)>();
            for (var i = 0; i < iterations; i++)
            {
                ours.Add(Ours(ports));
                oursProcess.Add(OursProcess(opsDll, inventory, ports));
                peer.Add(Peer(ports));
            }
            var oursMs = Median(ours.Select(o => o.Ms));
            var oursProcMs = Median(oursProcess);
            var peerMs = Median(peer.Select(p => p.Ms));
            Console.WriteLine($"wlc-overview: 127 APs, 254 radios, {Columns.Length} columns on 2 snmpsimd agents, {iterations} alternating runs (medians)");
            Console.WriteLine($"  ops (in process):        {oursMs,8:0.0} ms  {ours[0].Pdus,4} PDUs");
            Console.WriteLine($"  ops wlc overview process:{oursProcMs,8:0.0} ms");
            Console.WriteLine($"  snmpbulkwalk -Cr50 x{Columns.Length * 2}:   {peerMs,8:0.0} ms  {peer[0].Pdus,4} PDUs");
            Console.WriteLine($"  ratio in process {oursMs / peerMs:0.00}, whole process {oursProcMs / peerMs:0.00} (goal <= 0.5); PDUs {ours[0].Pdus}/{peer[0].Pdus}");
            return 0;
        }
        finally
        {
            foreach (var a in agents) { try { a.Kill(true); a.WaitForExit(5000); } catch (InvalidOperationException) { } a.Dispose(); }
            try { Directory.Delete(work, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static (double, int) Ours(Dictionary<string, int> ports)
    {
        var watch = Stopwatch.StartNew();
        var wlc = new Wlc(ports.Select(p => (IWlcSource)new SnmpWlcSource(p.Key,
            new SnmpClient(new SnmpTarget("127.0.0.1", p.Value) { Community = p.Key, Timeout = TimeSpan.FromSeconds(5) }))));
        var overview = wlc.OverviewAsync().GetAwaiter().GetResult();
        var ms = watch.Elapsed.TotalMilliseconds;
        if (overview.Rows.Count != 254 || overview.Problems.Count > 0) throw new InvalidOperationException($"overview incomplete: {overview.Rows.Count} rows; {string.Join("; ", overview.Problems)}");
        var pdus = wlc.Requests;
        wlc.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return (ms, pdus);
    }

    private static double OursProcess(string opsDll, string inventory, Dictionary<string, int> ports)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { opsDll, "wlc", "overview", "--json", "--inventory", inventory }) psi.ArgumentList.Add(a);
        foreach (var p in ports) psi.Environment[p.Key + "_COMMUNITY"] = p.Key;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var ms = watch.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0 || output.Split("\"name\"").Length != 255) throw new InvalidOperationException("ops wlc overview failed: " + process.StandardError.ReadToEnd());
        return ms;
    }

    /// <summary>net-snmp one column after another; PDUs per column = rows / 50 + 1 (the last answer leaves the subtree).</summary>
    private static (double, int) Peer(Dictionary<string, int> ports)
    {
        var watch = Stopwatch.StartNew();
        var pdus = 0;
        foreach (var (name, port) in ports)
            foreach (var column in Columns)
            {
                var psi = new ProcessStartInfo("snmpbulkwalk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                psi.Environment["MIBS"] = "";
                foreach (var a in new[] { "-v2c", "-c", name, "-Cr50", "-On", $"127.0.0.1:{port}", column.ToString() }) psi.ArgumentList.Add(a);
                using var process = Process.Start(psi)!;
                var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
                process.WaitForExit();
                if (process.ExitCode != 0 || lines == 0) throw new InvalidOperationException($"snmpbulkwalk {column} on {name} failed: {process.StandardError.ReadToEnd()}");
                pdus += lines / 50 + 1;
            }
        return (watch.Elapsed.TotalMilliseconds, pdus);
    }

    private static (Process, int) StartSnmpsim(string dataDir, string work)
    {
        var cache = Path.Combine(dataDir, "cache");
        Directory.CreateDirectory(cache);
        if (!OperatingSystem.IsWindows())
        {
            var rwx = (UnixFileMode)0x1ff;
            foreach (var d in new[] { work, dataDir, cache }) File.SetUnixFileMode(d, rwx);
            foreach (var f in Directory.GetFiles(dataDir)) File.SetUnixFileMode(f, (UnixFileMode)0x1b6);
        }
        using var probe = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)probe.Client.LocalEndPoint!).Port;
        probe.Dispose();
        var psi = new ProcessStartInfo("snmpsimd") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--data-dir=" + dataDir, "--cache-dir=" + cache, $"--agent-udpv4-endpoint=127.0.0.1:{port}", "--logging-method=stderr" }) psi.ArgumentList.Add(a);
        if (Environment.UserName == "root") { psi.ArgumentList.Add("--process-user=nobody"); psi.ArgumentList.Add("--process-group=nogroup"); }
        var process = Process.Start(psi) ?? throw new InvalidOperationException("snmpsimd did not start (apt-get install snmpsim)");
        var ready = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) => { if (e.Data?.Contains("Listening at", StringComparison.Ordinal) == true) ready.TrySetResult(); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(60))) { process.Kill(true); throw new InvalidOperationException("snmpsimd did not start listening within 60 s"); }
        return (process, port);
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
