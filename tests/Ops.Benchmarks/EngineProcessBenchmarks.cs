using System.Diagnostics;
using System.Globalization;
using Ops.Kernel.Scripting;

namespace Ops.Benchmarks;

/// <summary>
/// <c>engine-memory [N] [types]</c>: process growth over 1,000 trivial submissions (target &lt; 50 MB);
/// with <c>types</c> the session first declares a record and keeps values of it.
/// <c>engine-latency</c>: median of warm trivial submissions (target ≤ 15 ms).
/// <c>cold-start OPS_DIR [N]</c>: published ops (`echo 1+1 | ops repl`) vs `csharprepl -e "1+1"`,
/// alternating, medians and ratio (targets ≤ 0.8 s and ≤ 0.5×).
/// </summary>
internal static class EngineProcessBenchmarks
{
    public static int Memory(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        // `types`: the session declares a record first and keeps values of it, as notebooks do.
        var types = args.Contains("types");
        using var engine = new ScriptEngine();
        var host = new NullHost();
        if (types) engine.ExecuteAsync("record Ap(string Name, int Clients);", host).GetAwaiter().GetResult();
        for (var i = 0; i < 20; i++) engine.ExecuteAsync(types ? $"var w{i} = new Ap(\"AP{i}\", {i});" : $"var w{i} = {i};", host).GetAwaiter().GetResult();
        var before = SettledRssMb();
        for (var i = 0; i < count; i++) engine.ExecuteAsync($"{i} + 1", host).GetAwaiter().GetResult();
        var after = SettledRssMb();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine-memory{(types ? " (session with a record type)" : "")}: {count} submissions, RSS {before:0.0} MB -> {after:0.0} MB, growth {after - before:0.0} MB (target < 50 MB); managed heap {GC.GetTotalMemory(true) / 1048576.0:0.0} MB, GC committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:0.0} MB; rebases {engine.Rebases}; assemblies loaded {AppDomain.CurrentDomain.GetAssemblies().Length}, load contexts {System.Runtime.Loader.AssemblyLoadContext.All.Count()}"));
        return 0;
    }

    public static int Latency(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        using var engine = new ScriptEngine();
        var host = new NullHost();
        for (var i = 0; i < 20; i++) engine.ExecuteAsync("1 + 1", host).GetAwaiter().GetResult();
        var times = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var sw = Stopwatch.StartNew();
            engine.ExecuteAsync($"{i} + 1", host).GetAwaiter().GetResult();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"engine-latency: {count} warm submissions, median {Median(times):0.00} ms, p90 {Percentile(times, 0.9):0.00} ms (target median ≤ 15 ms)"));
        return 0;
    }

    /// <summary>
    /// <c>nuget-cached</c>: first <c>#r "nuget: Newtonsoft.Json, 13.0.1"</c> and use in a fresh session
    /// with the package already in the ops cache (target &lt; 2 s), and a cell that references it again
    /// (target &lt; 50 ms). Medians over N fresh sessions.
    /// </summary>
    public static int NugetCached(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        const string reference = "#r \"nuget: Newtonsoft.Json, 13.0.1\"";
        const string use = "Newtonsoft.Json.JsonConvert.SerializeObject(new { ap = 1 })";
        using (var prime = new ScriptEngine())
            Check(prime.ExecuteAsync(reference, new NullHost()).GetAwaiter().GetResult());
        var first = new List<double>();
        var again = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            using var engine = new ScriptEngine();
            engine.ExecuteAsync("1", new NullHost()).GetAwaiter().GetResult(); // a session already in use
            var sw = Stopwatch.StartNew();
            Check(engine.ExecuteAsync(reference + "\n" + use, new NullHost()).GetAwaiter().GetResult());
            first.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            Check(engine.ExecuteAsync(reference, new NullHost()).GetAwaiter().GetResult());
            again.Add(sw.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"nuget-cached: first #r of a cached package and its use median {Median(first):0} ms (target < 2000 ms); re-reference median {Median(again):0.0} ms (target < 50 ms); {runs} sessions"));
        return 0;
    }

    private static void Check(ExecutionResult result)
    {
        if (result.Status != ExecutionStatus.Ok) throw new InvalidOperationException(result.Error?.Message);
    }

    public static int ColdStart(string[] args)
    {
        if (args.Length < 1) { Console.Error.WriteLine("usage: cold-start OPS_PUBLISH_DIR [RUNS]"); return 1; }
        var ops = Path.Combine(args[0], "ops");
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var csharprepl = FindCsharpRepl();
        var ours = new List<double>();
        var theirs = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            ours.Add(Time(ops, new[] { "repl" }, "1+1\n", "2"));
            if (csharprepl != null) theirs.Add(Time(csharprepl, new[] { "-e", "1+1" }, null, "2"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cold-start: ops median {Median(ours):0.000} s over {runs} runs (target ≤ 0.8 s)"));
        if (csharprepl == null) Console.WriteLine("cold-start: csharprepl not found (dotnet tool install -g csharprepl); no ratio");
        else Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cold-start: csharprepl -e median {Median(theirs):0.000} s; ratio ops/csharprepl {Median(ours) / Median(theirs):0.00} (target ≤ 0.5)"));
        return 0;
    }

    /// <summary>csharprepl from the test tools ($OPS_TEST_TOOLS) or the user's global tools, if installed.</summary>
    internal static string? FindCsharpRepl()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new[] { Environment.GetEnvironmentVariable("OPS_TEST_TOOLS"), Path.Combine(home, ".dotnet", "tools") }
            .Where(d => !string.IsNullOrEmpty(d)).Select(d => Path.Combine(d!, "csharprepl")).FirstOrDefault(File.Exists);
    }

    /// <summary>Seconds from start to exit of FILE ARGS fed STDIN; throws unless it printed EXPECTED.</summary>
    internal static double Time(string file, string[] args, string? stdin, string expected)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_ROLL_FORWARD"] = "Major";
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        if (stdin != null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var elapsed = sw.Elapsed.TotalSeconds;
        if (!output.Contains(expected, StringComparison.Ordinal))
            throw new InvalidOperationException($"{file} printed '{output.Trim()}' {p.StandardError.ReadToEnd()}, expected {expected}");
        return elapsed;
    }

    internal static double Median(List<double> values) => Percentile(values, 0.5);

    internal static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }

    private static double SettledRssMb()
    {
        for (var i = 0; i < 3; i++) { GC.Collect(); GC.WaitForPendingFinalizers(); }
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        return double.NaN;
    }
}
