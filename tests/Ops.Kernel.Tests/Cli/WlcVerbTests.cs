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
    public void Radar_is_a_dry_run_by_default_and_prints_the_plans_and_what_an_apply_would_do()
    {
        var state = Directory.CreateTempSubdirectory("ops-wlc-state-").FullName;
        try
        {
            var (exit, output, err) = InProcessOps.Run("wlc", "radar", "--recorded", Recording, "--json", "--state", state);
            Assert.True(exit == 0, err);
            using var doc = JsonDocument.Parse(output);
            var plans = doc.RootElement.GetProperty("plans");
            Assert.Equal(6, plans.GetArrayLength());
            Assert.All(plans.EnumerateArray(), p => Assert.Contains(p.GetProperty("toChannel").GetInt32(), new[] { 36, 40, 44, 48 }));
            // Exactly the SETs an apply makes: assignment customized(2), then the channel, per radio; then the pin and the log.
            Assert.Contains("dry run; --apply --yes would:", err);
            Assert.Equal(6, err.Split('\n').Count(l => l.Contains("SNMP SET 1.3.6.1.4.1.14179.2.2.2.1.3.") && l.Contains("= INTEGER: 2, then 1.3.6.1.4.1.14179.2.2.2.1.4.")));
            Assert.Equal(6, err.Split('\n').Count(l => l.Contains("record the pin to") && l.Contains(Path.Combine(state, "wlc-radar-pins.json"))));
            Assert.Contains(Path.Combine(state, "wlc-changes.jsonl"), err);
            Assert.Empty(Directory.GetFileSystemEntries(state));
        }
        finally { Directory.Delete(state, true); }
    }

    [Fact]
    public void Radar_apply_without_yes_is_not_confirmed_and_writes_nothing()
    {
        var state = Directory.CreateTempSubdirectory("ops-wlc-state-").FullName;
        try
        {
            var (exit, _, err) = InProcessOps.Run("wlc", "radar", "--recorded", Recording, "--apply", "--state", state);
            Assert.Equal(5, exit);
            Assert.Contains("--apply needs --yes", err);
            Assert.Empty(Directory.GetFileSystemEntries(state));
        }
        finally { Directory.Delete(state, true); }
    }

    [Fact]
    public void Radar_apply_keeps_pins_and_log_in_the_xdg_state_folder_not_the_current_directory()
    {
        var work = Directory.CreateTempSubdirectory("ops-wlc-cwd-").FullName;
        var xdg = Directory.CreateTempSubdirectory("ops-wlc-xdg-").FullName;
        try
        {
            var (exit, output, err) = OpsProgram.Run(["wlc", "radar", "--recorded", Recording, "--apply", "--yes"], workingDirectory: work,
                timeout: TimeSpan.FromSeconds(60), environment: new Dictionary<string, string> { ["XDG_STATE_HOME"] = xdg });
            Assert.True(exit == 0, err);
            Assert.Empty(Directory.GetFileSystemEntries(work));
            Assert.Equal(6, JsonDocument.Parse(File.ReadAllText(Path.Combine(xdg, "ops", "wlc-radar-pins.json"))).RootElement.GetArrayLength());
            Assert.Equal(12, File.ReadAllLines(Path.Combine(xdg, "ops", "wlc-changes.jsonl")).Length);
            Assert.Contains(Path.Combine(xdg, "ops", "wlc-radar-pins.json"), output);
            Assert.Empty(Directory.GetFiles(Path.Combine(xdg, "ops"), "*.tmp"));
        }
        finally { Directory.Delete(work, true); Directory.Delete(xdg, true); }
    }

    [Fact]
    public void Overview_shows_the_band_of_each_radio()
    {
        var (exit, output, err) = InProcessOps.Run("wlc", "overview", "--recorded", Recording, "--ap", "AP001");
        Assert.True(exit == 0, err);
        var header = output.Split('\n')[0];
        Assert.Contains("| Band ", header);
        Assert.Contains("| 2.4 GHz |", output);
        Assert.Contains("| 5 GHz   |", output);
    }

    [Fact]
    public void Overview_with_every_controller_unreachable_exits_4_with_the_reason_on_stderr_also_with_json()
    {
        var port = FreePort.Udp();
        var inventory = Path.Combine(Path.GetTempPath(), $"inv-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(inventory, $"production:\n  controllers:\n    - name: WLC1\n      address: 127.0.0.1\n      port: {port}\n      community: env:OPS_TEST_COMMUNITY\n      timeout: 0.3\n      retries: 0\n");
        Environment.SetEnvironmentVariable("OPS_TEST_COMMUNITY", "public");
        try
        {
            foreach (var json in new[] { true, false })
            {
                var (exit, output, err) = InProcessOps.Run(json ? ["wlc", "overview", "-i", inventory, "--json"] : ["wlc", "overview", "-i", inventory]);
                Assert.Equal(4, exit);
                Assert.Contains($"WLC1 skipped: 127.0.0.1:{port}", err);
                if (json) Assert.Equal("[]", output.Trim());
                InProcessOps.AssertNoStackTrace(err);
            }
        }
        finally { File.Delete(inventory); }
    }

    [Fact]
    public void Set_channel_to_a_channel_outside_the_band_says_which_channels_are()
    {
        var (exit, _, err) = InProcessOps.Run("wlc", "set-channel", "--recorded", Recording, "--ap", "AP001", "--band", "5", "--channel", "14", "--yes");
        Assert.Equal(2, exit);
        Assert.Contains("channel 14 is not a 5 GHz channel (5 GHz channels: 36-64 and 100-144 in steps of 4, 149-165); for the 2.4 GHz radio give --band 2.4", err);
        Assert.DoesNotContain("Parameter", err);
        Assert.DoesNotContain("Actual value", err);
        InProcessOps.AssertNoStackTrace(err);
    }

    [Fact]
    public void Balance_warns_about_an_essid_no_client_uses()
    {
        var (exit, _, err) = InProcessOps.Run("wlc", "balance", "--recorded", Recording, "--threshold", "10", "--essid", "nosuch");
        Assert.Equal(0, exit);
        Assert.Contains("ESSID 'nosuch' was never seen", err);
        Assert.Contains("'guest'", err);
        var known = InProcessOps.Run("wlc", "balance", "--recorded", Recording, "--threshold", "10", "--essid", "guest");
        Assert.DoesNotContain("never seen", known.Err);
    }

    [Fact]
    public void Set_channel_without_a_terminal_or_yes_changes_nothing()
    {
        var (exit, output, err) = Ops("wlc", "set-channel", "--recorded", Recording, "--ap", "AP001", "--band", "5", "--channel", "48");
        Assert.Equal(5, exit);
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
            Assert.Equal(3, exit);
            Assert.Contains(inventory + ":4", err);
            Assert.DoesNotContain("hunter2", err);
        }
        finally { File.Delete(inventory); }
    }
}
