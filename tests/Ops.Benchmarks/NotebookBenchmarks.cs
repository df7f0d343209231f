using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ops.Kernel.Notebooks;
using Ops.Secrets;

namespace Ops.Benchmarks;

/// <summary>
/// <c>notebooks [OPS_DIR] [RUNS]</c>: the redaction pass's throughput on log-like output (MB/s),
/// and, given a published ops, a whole headless run of a 10-cell notebook (`ops run`) against the
/// same 10 cells in Python through nbclient and ipykernel (`jupyter execute`), alternating, medians and ratio.
/// </summary>
internal static class NotebookBenchmarks
{
    public static int Run(string[] args)
    {
        Redaction();
        if (args.Length == 0) { Console.WriteLine("notebooks: pass the published ops directory to time `ops run` against `jupyter execute`"); return 0; }
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        return HeadlessRun(Path.Combine(args[0], "ops"), runs);
    }

    private static void Redaction()
    {
        var sb = new StringBuilder();
        var random = new Random(42);
        while (sb.Length < 8 * 1024 * 1024)
        {
            sb.Append("2019-06-15T00:02:25 wlc1 AP").Append(random.Next(1, 128)).Append(" channel ").Append(random.Next(36, 165))
              .Append(" clients ").Append(random.Next(0, 60)).Append(" util ").Append(random.Next(0, 100)).Append("% mac 6c:9c:ed:eb:e0:a0\n");
            if (random.Next(1000) == 0) sb.Append("Server=db1;Uid=app;Pwd=hunter22;\n");
        }
        var text = sb.ToString();
        var scanner = new SecretScanner(includeLiveSecrets: false).AddLiteral("c0mmunity-x");
        scanner.Redact(text, out _);
        var times = new List<double>();
        var count = 0;
        for (var i = 0; i < 5; i++)
        {
            var sw = Stopwatch.StartNew();
            scanner.Redact(text, out count);
            times.Add(sw.Elapsed.TotalSeconds);
        }
        var mb = Encoding.UTF8.GetByteCount(text) / 1048576.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"notebooks: redaction {mb:0.0} MB of output, {count} secrets, median {EngineProcessBenchmarks.Median(times):0.000} s = {mb / EngineProcessBenchmarks.Median(times):0.0} MB/s"));
    }

    private static int HeadlessRun(string ops, int runs)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ops-bench-nb-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        try
        {
            var csharp = Path.Combine(dir, "cs.ipynb");
            Notebook.Create(csharp, Enumerable.Range(0, 10).Select(i =>
                NotebookCell.Create("code", $"var x{i} = Enumerable.Range(0, 1000).Sum() + {i};\nx{i}", $"c{i}"))).Save(csharp);
            var python = Path.Combine(dir, "py.ipynb");
            File.WriteAllText(python, PythonNotebook());
            var ours = new List<double>();
            var theirs = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                ours.Add(Time(ops, ["run", csharp, "--output", Path.Combine(dir, "out")]));
                theirs.Add(Time("/usr/bin/jupyter", ["execute", "--kernel_name=python3", "--output", Path.Combine(dir, "py-out.ipynb"), python]));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"notebooks: ops run 10 cells median {EngineProcessBenchmarks.Median(ours):0.000} s; jupyter execute (nbclient + ipykernel) median {EngineProcessBenchmarks.Median(theirs):0.000} s; ratio {EngineProcessBenchmarks.Median(ours) / EngineProcessBenchmarks.Median(theirs):0.00} over {runs} alternating runs"));
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string PythonNotebook()
    {
        var cells = string.Join(",\n", Enumerable.Range(0, 10).Select(i =>
            $"{{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"c{i}\", \"metadata\": {{}}, \"outputs\": [], \"source\": \"x{i} = sum(range(1000)) + {i}\\nx{i}\"}}"));
        return "{\"cells\": [" + cells + "], \"metadata\": {\"kernelspec\": {\"display_name\": \"Python 3\", \"language\": \"python\", \"name\": \"python3\"}}, \"nbformat\": 4, \"nbformat_minor\": 5}\n";
    }

    private static double Time(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}: {stderr.Result}");
        return sw.Elapsed.TotalSeconds;
    }
}
