using System.Text.Json;
using Ops.Kernel.Cli;

namespace Ops.Kernel.Tests.Cli;

public class MemoryVerbTests
{
    /// <summary>The notebook's bundled recording of the seed's case.</summary>
    private static string Data
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Interactive.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("repository root (Interactive.sln) not found above the test binaries"),
                "notebooks", "data", "memory-alert-triage");
        }
    }

    private static (int Code, string Out, string Err) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = OpsCommandLine.Build().Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Triage_json_on_the_recorded_seed_case_says_sudden_allocations()
    {
        var (code, output, error) = Invoke("memory", "triage", "--vmstat", Path.Combine(Data, "vmstat"), "--kills", Path.Combine(Data, "kills.mbox"),
            "--requests", Path.Combine(Data, "access.ltsv"), "--json");

        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("sudden-allocations", root.GetProperty("verdict").GetString());
        Assert.All(root.GetProperty("evidence").EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.GetString())));
        var drops = root.GetProperty("suddenDrops").EnumerateArray().ToList();
        Assert.NotEmpty(drops);
        Assert.All(drops, d =>
        {
            Assert.StartsWith("web0", d.GetProperty("host").GetString());
            Assert.True(DateTime.Parse(d.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= new DateTime(2019, 6, 14, 23, 55, 0));
            Assert.True(d.GetProperty("dropMb").GetDouble() > 200);
        });
        Assert.Contains(drops, d => d.GetProperty("host").GetString() == "web01" && d.GetProperty("time").GetString() == "2019-06-15T00:01:42");
        var hosts = root.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("host").GetString()).ToList();
        Assert.Equal(new[] { "web01", "web02", "web03", "web04" }, hosts.Order());
    }

    [Fact]
    public void Window_before_the_deploy_finds_no_problem()
    {
        var (code, output, error) = Invoke("memory", "triage", "--vmstat", Path.Combine(Data, "vmstat"), "--kills", Path.Combine(Data, "kills.mbox"),
            "--window", "23:40..23:55", "--json");
        Assert.True(code == 0, error);
        Assert.Equal("no-problem", JsonDocument.Parse(output).RootElement.GetProperty("verdict").GetString());
    }

    [Fact]
    public void Malformed_input_exits_3_naming_file_and_line()
    {
        var dir = Directory.CreateTempSubdirectory("ops-memory-cli-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "web01.vmstat"), " 20190614 00:01:40  7  0  0 15959x0 678600 428780 0 0 56 228 21715 9998 13 2 84 0 0\n");
            var kills = Path.Combine(dir.FullName, "kills.mbox");
            File.WriteAllText(kills, "");
            var (code, output, error) = Invoke("memory", "triage", "--vmstat", dir.FullName, "--kills", kills);
            Assert.Equal(3, code);
            Assert.Equal("", output);
            Assert.Contains("web01.vmstat:1:", error);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Text_output_starts_with_the_verdict_and_next_step()
    {
        var (code, output, _) = Invoke("memory", "triage", "--vmstat", Path.Combine(Data, "vmstat"), "--kills", Path.Combine(Data, "kills.mbox"));
        Assert.Equal(0, code);
        Assert.StartsWith("verdict: sudden-allocations\nnext step: ", output.Replace("\r", ""));
        Assert.Contains("Hosts ranked by anomaly score", output);
    }
}
