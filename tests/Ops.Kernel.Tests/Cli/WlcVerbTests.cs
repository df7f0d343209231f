using System.Text.Json;
using Ops.Testing;

namespace Ops.Kernel.Tests.Cli;

/// <summary><c>ops wlc</c> as a process, on the notebook's bundled recording of two controllers.</summary>
public sealed class WlcVerbTests
{
    private static readonly string Recording = Path.Combine(RepoRoot(), "notebooks", "data", "radar-channel-recovery");

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Interactive.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }

    private static (int Exit, string Out, string Err) Ops(params string[] args) => OpsProgram.Run(args, timeout: TimeSpan.FromSeconds(60));

    [Fact]
    public void Overview_json_keeps_the_contract_for_one_ap_on_both_bands()
    {
        var (exit, output, err) = Ops("wlc", "overview", "--recorded", Recording, "--ap", "AP001", "--json");
        Assert.True(exit == 0, err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(2, doc.RootElement.GetArrayLength());
        Assert.Equal(["name", "mac", "controller", "slot", "band", "operStatus", "channel", "txPower", "clients", "utilization", "apGroup"],
            doc.RootElement[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["2.4", "5"], doc.RootElement.EnumerateArray().Select(e => e.GetProperty("band").GetString()));
    }

    [Fact]
    public void Radar_is_a_dry_run_by_default_and_prints_the_plans()
    {
        var state = Path.Combine(Path.GetTempPath(), $"pins-{Guid.NewGuid():N}.json");
        var (exit, output, err) = Ops("wlc", "radar", "--recorded", Recording, "--json", "--state", state);
        Assert.True(exit == 0, err);
        using var doc = JsonDocument.Parse(output);
        var plans = doc.RootElement.GetProperty("plans");
        Assert.Equal(6, plans.GetArrayLength());
        Assert.All(plans.EnumerateArray(), p => Assert.Contains(p.GetProperty("toChannel").GetInt32(), new[] { 36, 40, 44, 48 }));
        Assert.False(File.Exists(state));
    }

    [Fact]
    public void Set_channel_without_a_terminal_or_yes_changes_nothing()
    {
        var (exit, output, err) = Ops("wlc", "set-channel", "--recorded", Recording, "--ap", "AP001", "--band", "5", "--channel", "48");
        Assert.Equal(2, exit);
        Assert.Contains("Current : Global (64)", output);
        Assert.Contains("not applied", output);
        Assert.Contains("--yes", err);
    }

    [Fact]
    public void A_plain_text_community_in_the_inventory_is_refused_with_file_and_line()
    {
        var inventory = Path.Combine(Path.GetTempPath(), $"inv-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(inventory, "production:\n  controllers:\n    - name: WLC1\n      community: hunter2\n");
        try
        {
            var (exit, _, err) = Ops("wlc", "overview", "--inventory", inventory);
            Assert.Equal(1, exit);
            Assert.Contains(inventory + ":4", err);
            Assert.DoesNotContain("hunter2", err);
        }
        finally { File.Delete(inventory); }
    }
}
