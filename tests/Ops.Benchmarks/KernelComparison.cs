using System.Globalization;
using System.Text.Json.Nodes;

namespace Ops.Benchmarks;

/// <summary>
/// <c>kernel-comparison</c>: the ops kernel, .NET Interactive (the dotnet-interactive tool test.sh
/// installs into OPS_TEST_TOOLS) and ipykernel through jupyter_client, alternating round by round in
/// one run: start to first reply, warm round trip, RSS, growth over N cells, and interrupt of an
/// endless loop. Prints medians per kernel.
/// Args: [rounds=3] [warm iterations=50] [cells=300] [path of the ops executable; default: the one built here].
/// </summary>
public static class KernelComparison
{
    public static int Run(string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        var (rounds, warm, cells) = (Arg(0, 3), Arg(1, 50), Arg(2, 300));
        var ops = args.Length > 3 ? Path.GetFullPath(args[3]) : Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "ops.exe" : "ops");
        var tools = Environment.GetEnvironmentVariable("OPS_TEST_TOOLS") is { Length: > 0 } t ? t : Path.Combine(RepositoryRoot(), ".tools");
        var dotnetInteractive = Path.Combine(tools, "dotnet-interactive");
        if (!File.Exists(dotnetInteractive))
        {
            Console.Error.WriteLine($"kernel-comparison: {dotnetInteractive} not found; install it with " +
                                    $"`dotnet tool install Microsoft.dotnet-interactive --version 1.0.712001 --tool-path {tools}` (test.sh does).");
            return 4;
        }
        var root = Path.Combine(Path.GetTempPath(), $"ops-compare-{Guid.NewGuid():N}");
        try
        {
            var install = KernelVsIpykernel.Run(ops, ["jupyter", "install", "--path", Path.Combine(root, "kernels")], null);
            if (install.Code != 0) { Console.Error.WriteLine(install.Output); return 1; }
            var spec = Directory.CreateDirectory(Path.Combine(root, "kernels", "dotnet-interactive-csharp")).FullName;
            File.WriteAllText(Path.Combine(spec, "kernel.json"), new JsonObject
            {
                ["argv"] = new JsonArray(dotnetInteractive, "jupyter", "--default-kernel", "csharp", "--http-local-only", "{connection_file}"),
                ["display_name"] = ".NET (C#)",
                ["language"] = "C#",
            }.ToJsonString());

            var script = Path.Combine(AppContext.BaseDirectory, "peer", "kernel_compare.py");
            var env = new Dictionary<string, string>
            {
                ["JUPYTER_PATH"] = root, ["JUPYTER_RUNTIME_DIR"] = Path.Combine(root, "runtime"),
                ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            };
            Console.WriteLine($"kernel-comparison: ops = {ops}; .NET Interactive = {dotnetInteractive}");
            Console.WriteLine($"kernel-comparison: {rounds} rounds alternating, {warm} warm executes, {cells} cells for growth");
            var kernels = new[] { ("ops-csharp", "csharp"), ("dotnet-interactive-csharp", "csharp"), ("python3", "python") };
            var result = KernelVsIpykernel.Run("/usr/bin/python3",
                [script, rounds.ToString(CultureInfo.InvariantCulture), warm.ToString(CultureInfo.InvariantCulture), cells.ToString(CultureInfo.InvariantCulture),
                 .. kernels.Select(k => $"{k.Item1}={k.Item2}")], env, timeoutMs: 1_800_000);
            if (result.Code != 0) { Console.Error.WriteLine(result.Output); return 1; }

            var rows = result.Output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
            string Cell(string kernel, string field, string format)
            {
                var values = rows.Where(r => (string?)r["kernel"] == kernel).Select(r => r[field]).ToList();
                if (field == "interrupt_s" && values.Any(v => v is null)) return $"never ({values.Count(v => v is null)}/{values.Count})";
                return KernelVsIpykernel.MedianOf(values.Select(v => v!.GetValue<double>())).ToString(format, CultureInfo.InvariantCulture);
            }
            Console.WriteLine($"{"median",-26}{"ops",14}{".NET Interactive",18}{"ipykernel",14}");
            foreach (var (label, field, format) in new[]
            {
                ("start to first reply (s)", "start_s", "0.00"), ("warm round trip (ms)", "warm_ms", "0.0"), ("RSS (MB)", "rss_mb", "0"),
                ($"growth over {cells} cells (MB)", "growth_mb", "0.0"), ("interrupt of a loop (s)", "interrupt_s", "0.00"),
            })
                Console.WriteLine($"{label,-26}{Cell("ops-csharp", field, format),14}{Cell("dotnet-interactive-csharp", field, format),18}{Cell("python3", field, format),14}");
            Console.WriteLine($"{"usable after interrupt",-26}{Usable(rows, "ops-csharp"),14}{Usable(rows, "dotnet-interactive-csharp"),18}{Usable(rows, "python3"),14}");
            return 0;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    private static string Usable(List<JsonObject> rows, string kernel)
    {
        var mine = rows.Where(r => (string?)r["kernel"] == kernel).ToList();
        return $"{mine.Count(r => r["usable"]!.GetValue<bool>())}/{mine.Count}";
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Interactive.sln"))) return dir.FullName;
        return Environment.CurrentDirectory;
    }
}
