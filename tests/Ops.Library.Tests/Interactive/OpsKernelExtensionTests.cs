using System.Diagnostics;
using System.Text.Json.Nodes;
using Ops.Testing;

namespace Ops.Tests.Interactive;

/// <summary>
/// The packed Ops.Library inside the real .NET Interactive C# kernel (the dotnet-interactive tool
/// test.sh installs into OPS_TEST_TOOLS), driven as a Jupyter kernel by nbclient. The package is
/// packed into a temp folder and restored into a temp NuGet cache, so nothing outside the test changes.
/// </summary>
public sealed class OpsKernelExtensionTests
{
    private static readonly string TriageData = Path.Combine(RepositoryRoot.Path, "notebooks", "data", "memory-alert-triage");

    [PeerFact("/usr/bin/python3", PythonModules = ["nbclient", "nbformat"], Tools = ["dotnet-interactive"])]
    public void PackedLibraryRendersTheOpsDisplayModelInDotnetInteractive()
    {
        using var temp = new TempFolder();
        var feed = temp.Sub("feed");
        Pack(feed);

        var cells = new[]
        {
            $"#i \"nuget: {feed}\"\n#r \"nuget: Ops.Library, 0.1.0\"",
            "using Ops.Display;\nusing Ops.Memory;\nusing Ops.Secrets;\n" +
            $"var hosts = HostSeries.LoadDirectory(@\"{TriageData}/vmstat\");\n" +
            $"var kills = KillReports.LoadAll(@\"{TriageData}/kills.mbox\");\n" +
            $"var requests = RequestLog.Load(@\"{TriageData}/access.ltsv\");\n" +
            "var (from, to) = TriageOptions.ParseWindow(\"23:40..00:10\", hosts.Max(h => h.Last));\n" +
            "var result = MemoryTriage.Run(hosts, kills, requests, new TriageOptions { From = from, To = to });\nresult",
            "result.DropsTable(maxRows: 5)",
            "result.MemoryChart()",
            "result.KillsTable().Display();",
            "var p = Progress.Start(\"walking\", 3);\nfor (var i = 0; i < 3; i++) { p.Increment(); System.Threading.Thread.Sleep(250); }\np.Complete();",
            "var s = Secret.Of(\"hunter2-in-a-notebook\", \"vault\");\ns",
            "display(s); new { User = \"ops\", Password = s }",
        };
        var outputs = Run(temp, cells);

        Assert.Contains(outputs[0], o => Text(o).Contains("Loading extensions from", StringComparison.Ordinal));
        Assert.Contains("verdict: sudden-allocations", Data(outputs[1], "text/html"));
        Assert.StartsWith("<table class=\"ops-table\">", Data(outputs[2], "text/html"));
        Assert.StartsWith("<svg", Data(outputs[3], "image/svg+xml"));
        Assert.Contains("\"data\"", Data(outputs[3], "application/vnd.plotly.v1+json"));
        Assert.StartsWith("<table class=\"ops-table\">", Data(outputs[4], "text/html"));

        // One progress output, updated in place to its final state (nbclient applies update_display_data).
        var progress = Assert.Single(outputs[5], o => o?["data"] is JsonObject);
        Assert.Contains("3/3 done", Data([progress], "text/plain"));
        Assert.Contains("<progress value=\"3\" max=\"3\">", Data([progress], "text/html"));

        foreach (var cell in outputs[6..]) Assert.DoesNotContain("hunter2", cell.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Secret(vault, ********)", Data(outputs[6], "text/plain"));
    }

    private static void Pack(string feed)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var psi = new ProcessStartInfo("dotnet", ["pack", Path.Combine(RepositoryRoot.Path, "library"), "-c", configuration, "--no-build", "-o", feed, "-nologo", "-v", "quiet"])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        using var pack = Process.Start(psi)!;
        var stdout = pack.StandardOutput.ReadToEndAsync();
        var stderr = pack.StandardError.ReadToEndAsync();
        Assert.True(pack.WaitForExit(180_000), "dotnet pack library did not finish in 180 s");
        Assert.True(pack.ExitCode == 0, $"dotnet pack library failed: {stdout.Result}{stderr.Result}");
        Assert.True(File.Exists(Path.Combine(feed, "Ops.Library.0.1.0.nupkg")), "no Ops.Library.0.1.0.nupkg in " + feed);
    }

    /// <summary>Runs the cells in dotnet-interactive through nbclient; the outputs of each cell.</summary>
    private static JsonArray[] Run(TempFolder temp, string[] cells)
    {
        var kernels = temp.Sub("jupyter/kernels/ops-test-dotnet-csharp");
        var port = FreePort.Tcp();
        var argv = new JsonArray(Peer.Tool("dotnet-interactive"), "jupyter", "--default-kernel", "csharp",
            "--http-local-only", "--http-port-range", $"{port}-{port}", "{connection_file}");
        File.WriteAllText(Path.Combine(kernels, "kernel.json"),
            new JsonObject { ["argv"] = argv, ["display_name"] = ".NET (C#) under test", ["language"] = "C#" }.ToJsonString());

        var notebook = new JsonObject
        {
            ["cells"] = new JsonArray(cells.Select((c, i) => (JsonNode)new JsonObject
            {
                ["cell_type"] = "code", ["execution_count"] = null, ["id"] = $"c{i}", ["metadata"] = new JsonObject(),
                ["outputs"] = new JsonArray(), ["source"] = c,
            }).ToArray()),
            ["metadata"] = new JsonObject(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        var input = Path.Combine(temp.Path, "in.ipynb");
        var output = Path.Combine(temp.Path, "out.ipynb");
        File.WriteAllText(input, notebook.ToJsonString());

        var environment = new Dictionary<string, string>
        {
            ["JUPYTER_PATH"] = Path.Combine(temp.Path, "jupyter"),
            ["NUGET_PACKAGES"] = temp.Sub("nuget-cache"),
            ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        var script = Path.Combine(AppContext.BaseDirectory, "Interactive", "peer", "run_notebook.py");
        using var peer = new PeerProcess("/usr/bin/python3", [script, "ops-test-dotnet-csharp", input, temp.Path, "240", output], temp.Path, environment);
        Assert.True(peer.Process.WaitForExit(300_000), "nbclient did not finish in 300 s:\n" + peer.Output);
        Assert.True(peer.Process.ExitCode == 0 && File.Exists(output), "nbclient failed:\n" + peer.Output);

        var executed = JsonNode.Parse(File.ReadAllText(output))!["cells"]!.AsArray();
        var result = executed.Select(c => c!["outputs"]!.AsArray()).ToArray();
        for (var i = 0; i < result.Length; i++)
        {
            var error = result[i].FirstOrDefault(o => (string?)o!["output_type"] == "error");
            Assert.True(error is null, $"cell {i + 1} failed in dotnet-interactive: {error?["ename"]}: {error?["evalue"]}");
        }
        return result;
    }

    private static string Data(IEnumerable<JsonNode?> outputs, string mimeType)
    {
        foreach (var o in outputs)
            if (o?["data"]?[mimeType] is { } value)
                return value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value is JsonArray a ? string.Concat(a.Select(x => (string?)x)) : value.ToJsonString();
        var all = string.Join(",", outputs.Select(o => o?.ToJsonString()));
        throw new Xunit.Sdk.XunitException($"no {mimeType} output; outputs: {all[..Math.Min(2000, all.Length)]}");
    }

    private static string Text(JsonNode? output) => output?.ToJsonString() ?? "";

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("ops-interactive-").FullName;
        public string Sub(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;
        public void Dispose() { try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { } }
    }
}
