using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Ops.Kernel.Scripting;
using Ops.Testing;

namespace Ops.Benchmarks;

/// <summary>
/// <c>installed [ROUNDS=3] [WARM=30] [--growth 300] [--session 1000] [--runs 5] [--nupkg DIR]</c>:
/// ops as a user gets it from the README's install command, against the named peers, in one run.
/// Packs the tool (or takes the packages in --nupkg), installs it into a temporary tool path with its
/// own NuGet package folder (nothing global is read or changed), then, alternating with the peers:
/// the kernel against ipykernel and, when <c>$OPS_TEST_TOOLS/dotnet-interactive</c> is there,
/// .NET Interactive (start to first reply, warm round trip, RSS after warm-up, growth over --growth
/// trivial cells; growth over --session cells of a realistic session in ops); <c>echo 1+1 | ops repl</c>
/// against <c>csharprepl -e 1+1</c> when installed; a cached <c>#r "nuget:"</c> script; and the peak
/// RSS of <c>ops run</c> over every bundled notebook.
/// </summary>
public static class InstalledToolBenchmark
{
    private const string NugetScript = "#r \"nuget: Newtonsoft.Json, 13.0.1\"\nNewtonsoft.Json.JsonConvert.SerializeObject(new { ap = 42 })\n";

    public static int Run(string[] args)
    {
        var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))).ToList();
        int Positional(int i, int fallback) => positional.Count > i ? int.Parse(positional[i], CultureInfo.InvariantCulture) : fallback;
        string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var (rounds, warm) = (Positional(0, 3), Positional(1, 30));
        var growth = int.Parse(Option("--growth") ?? "300", CultureInfo.InvariantCulture);
        var session = int.Parse(Option("--session") ?? "1000", CultureInfo.InvariantCulture);
        var runs = int.Parse(Option("--runs") ?? "5", CultureInfo.InvariantCulture);

        var repo = RepositoryRoot.Path;
        var root = Path.Combine(Path.GetTempPath(), $"ops-installed-{Guid.NewGuid():N}");
        try
        {
            var nupkg = Option("--nupkg") is { } given ? Path.GetFullPath(given) : Pack(repo, Path.Combine(root, "nupkg"));
            if (nupkg == null) return 1;
            var ops = Install(nupkg, root);
            if (ops == null) return 1;

            var kernels = new List<string> { "ops-csharp", "python3" };
            var install = KernelVsIpykernel.Run(ops, ["jupyter", "install", "--path", Path.Combine(root, "kernels")], null);
            if (install.Code != 0) { Console.Error.WriteLine(install.Output); return 1; }
            if (DotnetInteractive() is { } interactive)
            {
                WriteInteractiveKernelspec(interactive, Path.Combine(root, "kernels", "dotnet-interactive-csharp"));
                kernels.Add("dotnet-interactive-csharp");
            }
            else Console.WriteLine("installed: no $OPS_TEST_TOOLS/dotnet-interactive; .NET Interactive left out");

            Console.WriteLine($"installed: kernels, {rounds} rounds alternating {string.Join(", ", kernels)}; {warm} warm executes, growth over {growth} cells, ops session of {session} realistic cells");
            var rows = KernelVsIpykernel.Measure(root, [
                rounds.ToString(CultureInfo.InvariantCulture), warm.ToString(CultureInfo.InvariantCulture), .. kernels,
                "--growth", growth.ToString(CultureInfo.InvariantCulture), "--session", session.ToString(CultureInfo.InvariantCulture)]);
            if (rows == null) return 1;

            Console.WriteLine($"installed: repl and scripts, {runs} runs alternating");
            var repl = new List<double>();
            var csharprepl = new List<double>();
            var nuget = new List<double>();
            var csharpreplPath = EngineProcessBenchmarks.FindCsharpRepl();
            EngineProcessBenchmarks.Time(ops, ["repl"], NugetScript, "{\"ap\":42}"); // the package into the cache once
            for (var i = 0; i < runs; i++)
            {
                repl.Add(EngineProcessBenchmarks.Time(ops, ["repl"], "1+1\n", "2"));
                if (csharpreplPath != null) csharprepl.Add(EngineProcessBenchmarks.Time(csharpreplPath, ["-e", "1+1"], null, "2"));
                nuget.Add(EngineProcessBenchmarks.Time(ops, ["repl"], NugetScript, "{\"ap\":42}"));
            }
            var (runPeakMb, runSeconds) = PeakRss(ops, ["run", Path.Combine(repo, "notebooks"), "--output", Path.Combine(root, "run")]);

            Report(rows, kernels, growth, session, repl, csharprepl, nuget, runPeakMb, runSeconds);
            return 0;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static void Report(List<JsonObject> rows, List<string> kernels, int growth, int session,
        List<double> repl, List<double> csharprepl, List<double> nuget, double runPeakMb, double runSeconds)
    {
        double M(string kernel, string field) => KernelVsIpykernel.MedianOf(rows, kernel, field);
        string Ratio(double ours, double theirs) => double.IsFinite(theirs) && theirs > 0 ? FormattableString.Invariant($" ({ours / theirs:0.00}x)") : "";
        var names = new Dictionary<string, string> { ["ops-csharp"] = "ops (tool install)", ["python3"] = "ipykernel", ["dotnet-interactive-csharp"] = ".NET Interactive" };
        Console.WriteLine();
        Console.WriteLine($"| build | start to first reply | CPU of that start | warm round trip | RSS after warm-up | growth over {growth} cells |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var k in kernels)
        {
            var (start, warm) = (M(k, "start_s"), M(k, "warm_ms"));
            var vsPy = k == "python3" ? ("", "") : (Ratio(start, M("python3", "start_s")), Ratio(warm, M("python3", "warm_ms")));
            Console.WriteLine(FormattableString.Invariant(
                $"| {names[k]} | {start:0.00} s{vsPy.Item1} | {M(k, "start_cpu_s"):0.00} s | {warm:0.0} ms{vsPy.Item2} | {M(k, "rss_warm_mb"):0} MB | {M(k, "growth_mb"):0.0} MB |"));
        }
        Console.WriteLine();
        var (replMedian, theirs) = (EngineProcessBenchmarks.Median(repl), EngineProcessBenchmarks.Median(csharprepl));
        Console.WriteLine(FormattableString.Invariant($"ops session of {session} realistic cells (tables, charts, printed lines, records, #r): growth {M("ops-csharp", "session_growth_mb"):0.0} MB in {M("ops-csharp", "session_s"):0.0} s (goal <= 50 MB)"));
        Console.WriteLine(FormattableString.Invariant($"echo 1+1 | ops repl: {replMedian:0.00} s{(csharprepl.Count > 0 ? Ratio(replMedian, theirs) + $" of csharprepl -e 1+1 at {theirs:0.00} s" : "; csharprepl not installed, no ratio")} (goal <= 0.7 s and <= 0.3x)"));
        Console.WriteLine(FormattableString.Invariant($"cached #r \"nuget: Newtonsoft.Json, 13.0.1\" piped to ops repl: {EngineProcessBenchmarks.Median(nuget):0.00} s (goal <= 1.5 s)"));
        Console.WriteLine(FormattableString.Invariant($"ops run of every bundled notebook: peak RSS {runPeakMb:0} MB, {runSeconds:0.0} s (goal <= 200 MB)"));
        Console.WriteLine(FormattableString.Invariant($"goals: start <= 0.8x ipykernel, warm <= 1.2x, RSS after warm-up <= 120 MB, growth over 300 trivial cells <= 10 MB"));
    }

    /// <summary>Packs the tool packages into DIR with the SDK's progress shown; null when packing failed.</summary>
    private static string? Pack(string repo, string dir)
    {
        Console.WriteLine($"installed: dotnet pack {Path.Combine(repo, "kernel")} -o {dir} (linux-x64: self-contained ReadyToRun composite, several minutes)");
        var clock = Stopwatch.StartNew();
        var psi = new ProcessStartInfo("dotnet") { ArgumentList = { "pack", Path.Combine(repo, "kernel"), "-c", "Release", "-o", dir, "-nologo", "-v", "minimal" } };
        using var p = Process.Start(psi)!;
        p.WaitForExit();
        Console.WriteLine(FormattableString.Invariant($"installed: packed in {clock.Elapsed.TotalSeconds:0} s"));
        return p.ExitCode == 0 ? dir : null;
    }

    /// <summary>
    /// `dotnet tool install` into ROOT/tools from the packages in NUPKG, restoring into ROOT/packages so
    /// an older package of the same version in the user's NuGet folder is never picked up.
    /// </summary>
    private static string? Install(string nupkg, string root)
    {
        var tools = Path.Combine(root, "tools");
        var install = KernelVsIpykernel.Run("dotnet", ["tool", "install", "Ops.Kernel", "--tool-path", tools, "--add-source", nupkg, "--version", ProductVersion.Current],
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(root, "packages") });
        Console.WriteLine("installed: " + install.Output.Trim().Replace("\n", "\ninstalled: ", StringComparison.Ordinal));
        var ops = Path.Combine(tools, "ops");
        return install.Code == 0 && File.Exists(ops) ? ops : null;
    }

    private static string? DotnetInteractive() =>
        Environment.GetEnvironmentVariable("OPS_TEST_TOOLS") is { Length: > 0 } dir && File.Exists(Path.Combine(dir, "dotnet-interactive"))
            ? Path.Combine(dir, "dotnet-interactive") : null;

    /// <summary>The kernelspec `dotnet interactive jupyter install` writes, pointing at the tool-path executable.</summary>
    private static void WriteInteractiveKernelspec(string tool, string dir)
    {
        Directory.CreateDirectory(dir);
        var spec = new JsonObject
        {
            ["argv"] = new JsonArray(tool, "jupyter", "--default-kernel", "csharp", "{connection_file}", "--http-port-range", "2048-3000"),
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
        };
        File.WriteAllText(Path.Combine(dir, "kernel.json"), spec.ToJsonString());
    }

    /// <summary>Runs FILE ARGS to its end; the process's peak RSS (VmHWM, read every 20 ms) and wall seconds.</summary>
    private static (double PeakMb, double Seconds) PeakRss(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        var peakKb = 0L;
        while (!p.WaitForExit(20)) peakKb = Math.Max(peakKb, HighWaterKb(p.Id));
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {stdout.Result}{stderr.Result}");
        return (peakKb / 1024.0, clock.Elapsed.TotalSeconds);
    }

    private static long HighWaterKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        return 0;
    }
}
