using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Ops.Benchmarks;

/// <summary>
/// <c>kernel-vs-ipykernel</c>: our kernel against ipykernel through jupyter_client, alternating in
/// one run. Measures start (start_kernel to the first execute_reply) and the warm round trip of a
/// trivial cell. Budget: start ≤ ipykernel's, warm ≤ 2× ipykernel's.
/// Args: [rounds=5] [warm iterations=50] [path of the ops executable to measure, e.g. a ReadyToRun publish;
/// default: the one built next to this benchmark].
/// </summary>
public static class KernelVsIpykernel
{
    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var warm = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        var root = Path.Combine(Path.GetTempPath(), $"ops-bench-{Guid.NewGuid():N}");
        try
        {
            var ops = args.Length > 2 ? Path.GetFullPath(args[2]) : Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "ops.exe" : "ops");
            var install = Run(ops, ["jupyter", "install", "--path", Path.Combine(root, "kernels")], null);
            if (install.Code != 0) { Console.Error.WriteLine(install.Output); return 1; }

            var script = Path.Combine(AppContext.BaseDirectory, "peer", "kernel_bench.py");
            var env = new Dictionary<string, string> { ["JUPYTER_PATH"] = root, ["JUPYTER_RUNTIME_DIR"] = Path.Combine(root, "runtime") };
            Console.WriteLine($"kernel-vs-ipykernel: {ops}");
            Console.WriteLine($"kernel-vs-ipykernel: {rounds} rounds alternating ops-csharp and python3 (ipykernel), {warm} warm executes each");
            var result = Run("/usr/bin/python3", [script, rounds.ToString(CultureInfo.InvariantCulture), warm.ToString(CultureInfo.InvariantCulture), "ops-csharp", "python3"], env);
            if (result.Code != 0) { Console.Error.WriteLine(result.Output); return 1; }

            var rows = result.Output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
            double Median(string kernel, string field) => MedianOf(rows.Where(r => r["kernel"]!.GetValue<string>() == kernel).Select(r => r[field]!.GetValue<double>()));
            var (opsStart, pyStart) = (Median("ops-csharp", "start_s"), Median("python3", "start_s"));
            var (opsCpu, pyCpu) = (Median("ops-csharp", "start_cpu_s"), Median("python3", "start_cpu_s"));
            var (opsWarm, pyWarm) = (Median("ops-csharp", "warm_ms"), Median("python3", "warm_ms"));
            Console.WriteLine($"{"",-28}{"ops-csharp",12}{"ipykernel",12}{"ratio",8}  budget");
            Console.WriteLine($"{"start to first reply (s)",-28}{opsStart,12:0.000}{pyStart,12:0.000}{opsStart / pyStart,8:0.00}  <= 1.00");
            Console.WriteLine($"{"  CPU of that start (s)",-28}{opsCpu,12:0.000}{pyCpu,12:0.000}{opsCpu / pyCpu,8:0.00}");
            Console.WriteLine($"{"warm round trip (ms)",-28}{opsWarm,12:0.00}{pyWarm,12:0.00}{opsWarm / pyWarm,8:0.00}  <= 2.00");
            return 0;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    internal static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0) return double.NaN;
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    internal static (int Code, string Output) Run(string file, string[] args, IDictionary<string, string>? env, int timeoutMs = 600_000)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env is not null) foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(timeoutMs)) { p.Kill(true); return (1, "timed out\n" + stdout); }
        return (p.ExitCode, stdout + stderr.Result);
    }
}
