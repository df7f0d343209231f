using System.Globalization;
using System.Text.Json.Nodes;

namespace Ops.Benchmarks;

/// <summary>
/// <c>stream-flood-vs-ipykernel</c>: a cell printing 100,000 lines, through jupyter_client, our kernel
/// and ipykernel alternating in one run. Measures execute_request to status idle with every line and the
/// result received. Budget: within 3× ipykernel's time.
/// Args: [rounds=3] [lines=100000] [path of the ops executable; default: the one built next to this benchmark].
/// </summary>
public static class StreamFloodVsIpykernel
{
    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var lines = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
        var root = Path.Combine(Path.GetTempPath(), $"ops-bench-{Guid.NewGuid():N}");
        try
        {
            var ops = args.Length > 2 ? Path.GetFullPath(args[2]) : Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "ops.exe" : "ops");
            var install = KernelVsIpykernel.Run(ops, ["jupyter", "install", "--path", Path.Combine(root, "kernels")], null);
            if (install.Code != 0) { Console.Error.WriteLine(install.Output); return 1; }

            var script = Path.Combine(AppContext.BaseDirectory, "peer", "kernel_flood_bench.py");
            var env = new Dictionary<string, string> { ["JUPYTER_PATH"] = root, ["JUPYTER_RUNTIME_DIR"] = Path.Combine(root, "runtime") };
            Console.WriteLine($"stream-flood-vs-ipykernel: {ops}");
            Console.WriteLine($"stream-flood-vs-ipykernel: {rounds} rounds alternating ops-csharp and python3 (ipykernel), {lines:N0} lines per cell");
            var result = KernelVsIpykernel.Run("/usr/bin/python3",
                [script, rounds.ToString(CultureInfo.InvariantCulture), lines.ToString(CultureInfo.InvariantCulture), "ops-csharp", "python3"], env);
            if (result.Code != 0) { Console.Error.WriteLine(result.Output); return 1; }

            var rows = result.Output.Split('\n').Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
            double Median(string kernel, string field) =>
                KernelVsIpykernel.MedianOf(rows.Where(r => r["kernel"]!.GetValue<string>() == kernel).Select(r => r[field]!.GetValue<double>()));
            var (opsTime, pyTime) = (Median("ops-csharp", "flood_s"), Median("python3", "flood_s"));
            var (opsMessages, pyMessages) = (Median("ops-csharp", "stream_messages"), Median("python3", "stream_messages"));
            Console.WriteLine($"{"",-34}{"ops-csharp",12}{"ipykernel",12}{"ratio",8}  budget");
            Console.WriteLine($"{"execute to idle, all lines (s)",-34}{opsTime,12:0.000}{pyTime,12:0.000}{opsTime / pyTime,8:0.00}  <= 3.00");
            Console.WriteLine($"{"stream messages",-34}{opsMessages,12:0}{pyMessages,12:0}");
            return 0;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }
}
