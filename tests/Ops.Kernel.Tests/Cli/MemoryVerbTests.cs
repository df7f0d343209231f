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

    // Through OpsCommandLine.Run, as the program runs it (unknown options, exit-code table).
    private static (int Code, string Out, string Err) Invoke(params string[] args) => InProcessOps.Run(args);

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
            Assert.Equal(ExitCodes.InputError, code);
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

    // An incident folder as an on-call engineer brings it, one fact changed at a time.

    private static DirectoryInfo Incident()
    {
        var dir = Directory.CreateTempSubdirectory("ops-memory-incident-");
        foreach (var f in Directory.GetFiles(Path.Combine(Data, "vmstat"))) File.Copy(f, Path.Combine(dir.FullName, Path.GetFileName(f)));
        File.Copy(Path.Combine(Data, "kills.mbox"), Path.Combine(dir.FullName, "kills.mbox"));
        File.Copy(Path.Combine(Data, "access.ltsv"), Path.Combine(dir.FullName, "access.ltsv"));
        return dir;
    }

    [Fact]
    public void A_mixed_incident_folder_is_read_with_the_other_files_skipped_and_named()
    {
        // Expected: the same verdict as the clean vmstat folder, and a note per skipped file.
        var dir = Incident();
        try
        {
            var (code, output, error) = Invoke("memory", "triage", "--vmstat", dir.FullName, "--kills", Path.Combine(dir.FullName, "kills.mbox"),
                "--requests", Path.Combine(dir.FullName, "access.ltsv"), "--json");
            Assert.True(code == 0, error);
            Assert.Equal("sudden-allocations", JsonDocument.Parse(output).RootElement.GetProperty("verdict").GetString());
            Assert.Contains("kills.mbox: not vmstat or sar -r samples, skipped", error);
            Assert.Contains("access.ltsv: not vmstat or sar -r samples, skipped", error);
            Assert.Equal(4, JsonDocument.Parse(output).RootElement.GetProperty("hosts").GetArrayLength());
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Vmstat_files_can_be_given_one_by_one()
    {
        var files = Directory.GetFiles(Path.Combine(Data, "vmstat")).Order(StringComparer.Ordinal).Take(2).ToArray();
        var (code, output, error) = Invoke(["memory", "triage", "--vmstat", .. files, "--kills", Path.Combine(Data, "kills.mbox"), "--json"]);
        Assert.True(code == 0, error);
        Assert.Equal(["web01", "web02"], JsonDocument.Parse(output).RootElement.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("host").GetString()).Order());
    }

    [Fact]
    public void Kernel_oom_lines_from_dmesg_T_and_journalctl_are_kills_in_json()
    {
        var dir = Directory.CreateTempSubdirectory("ops-memory-oom-");
        try
        {
            var kern = Path.Combine(dir.FullName, "kern.log");
            File.WriteAllText(kern,
                "Jun 15 00:01:37 web01 kernel: Out of memory: Killed process 45097 (index.fcgi) total-vm:2600000kB, anon-rss:409600kB, file-rss:4096kB, shmem-rss:1974272kB, UID:1000\n"
                + "Jun 15 00:02:25 web02 systemd-oomd[612]: Killed /system.slice/app.service due to memory pressure for /system.slice being 72.40% > 50.00% for > 20s with reclaim activity\n");
            var (code, output, error) = Invoke("memory", "triage", "--vmstat", Path.Combine(Data, "vmstat"), "--kills", kern, "--json");
            Assert.True(code == 0, error);
            var root = JsonDocument.Parse(output).RootElement;
            var kills = root.GetProperty("kills").EnumerateArray().ToList();
            Assert.Equal(2, kills.Count);
            Assert.Equal(("web01", "2019-06-15T00:01:37", 45097, "index.fcgi", 2332.0, "kernel-oom"),
                (kills[0].GetProperty("host").GetString(), kills[0].GetProperty("time").GetString(), kills[0].GetProperty("pid").GetInt32(),
                 kills[0].GetProperty("process").GetString(), kills[0].GetProperty("rssMb").GetDouble(), kills[0].GetProperty("source").GetString()));
            Assert.Equal(("systemd-oomd", JsonValueKind.Null), (kills[1].GetProperty("source").GetString(), kills[1].GetProperty("pid").ValueKind));
            Assert.Contains(root.GetProperty("evidence").EnumerateArray(), e => e.GetString()!.StartsWith("Kills: 1 kernel OOM kill, 1 systemd-oomd kill on 2 of 4 hosts"));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Inputs_with_nothing_recognisable_warn_naming_the_file_and_the_evidence_says_so()
    {
        var dir = Directory.CreateTempSubdirectory("ops-memory-empty-");
        try
        {
            var kills = Path.Combine(dir.FullName, "kills.txt");
            var access = Path.Combine(dir.FullName, "access.log");
            File.WriteAllText(kills, "nothing happened\n");
            File.WriteAllText(access, "# rotated\n");
            var (code, output, error) = Invoke("memory", "triage", "--vmstat", Path.Combine(Data, "vmstat"), "--kills", kills, "--requests", access, "--json");
            Assert.True(code == 0, error);
            Assert.Contains($"warning: {kills}: no kill found", error);
            Assert.Contains($"warning: {access}: no request found", error);
            var evidence = JsonDocument.Parse(output).RootElement.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.Contains(evidence, e => e.StartsWith($"Input: {kills}: no kill found"));
            Assert.Contains(evidence, e => e.StartsWith("Q1 requests: the request log has 0 minutes with requests"));
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Vmstat_S_M_needs_unit_M_and_warns_without_it()
    {
        var dir = Directory.CreateTempSubdirectory("ops-memory-mb-");
        try
        {
            // web01's recording as `vmstat -S M` prints it.
            var lines = File.ReadAllLines(Path.Combine(Data, "vmstat", "web01.vmstat")).Select(line =>
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length < 8 || !char.IsAsciiDigit(f[0][0])) return line;
                for (var i = 5; i <= 7; i++) f[i] = (long.Parse(f[i]) / 1024).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return " " + string.Join("  ", f);
            });
            File.WriteAllLines(Path.Combine(dir.FullName, "web01.vmstat"), lines);
            var kills = Path.Combine(Data, "kills.mbox");
            var (code, kib, error) = Invoke("memory", "triage", "--vmstat", dir.FullName, "--kills", kills, "--json");
            Assert.Equal(0, code);
            Assert.Contains("web01: free + buffers + cache is at most", error);
            Assert.Contains("--unit M", error);
            Assert.Empty(JsonDocument.Parse(kib).RootElement.GetProperty("suddenDrops").EnumerateArray()); // drops of < 1 MB: the data read as KiB hides them

            var (code2, mib, error2) = Invoke("memory", "triage", "--vmstat", dir.FullName, "--unit", "M", "--kills", kills, "--json");
            Assert.True(code2 == 0, error2);
            Assert.DoesNotContain("--unit M", error2);
            var (_, original, _) = Invoke("memory", "triage", "--vmstat", Path.Combine(Data, "vmstat", "web01.vmstat"), "--kills", kills, "--json");
            Assert.Equal(JsonDocument.Parse(original).RootElement.GetProperty("verdict").GetString(), JsonDocument.Parse(mib).RootElement.GetProperty("verdict").GetString());
            Assert.Equal(JsonDocument.Parse(original).RootElement.GetProperty("suddenDrops").GetArrayLength(), JsonDocument.Parse(mib).RootElement.GetProperty("suddenDrops").GetArrayLength());
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        Assert.Equal(ExitCodes.Usage, Invoke("memory", "triage", "--vmstat", Path.Combine(Data, "vmstat"), "--kills", Path.Combine(Data, "kills.mbox"), "--unit", "G").Code);
        var (code, _, error) = Invoke("memory", "triage", "--vmstat", Path.Combine(Data, "vmstat"), "--kills", Path.Combine(Data, "kills.mbox"), "--window", "nonsense");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--window", error);
    }
}
