using Ops.Memory;

namespace Ops.Tests.Memory;

/// <summary>Kernel OOM-killer and systemd-oomd lines as dmesg -T, journalctl -k and plain dmesg print them.</summary>
public class OomKillLinesTests
{
    private static readonly DateTime Around = new(2019, 6, 15, 0, 10, 0);
    private const string Kernel = "Out of memory: Killed process 45594 (index.fcgi) total-vm:2630000kB, anon-rss:262000kB, file-rss:4096kB, shmem-rss:2021000kB, UID:1000 pgtables:5000kB oom_score_adj:0";

    [Theory]
    [InlineData("[Sat Jun 15 00:02:25 2019] " + Kernel, "web02")]                  // dmesg -T, host from the file
    [InlineData("Jun 15 00:02:25 web02 kernel: " + Kernel, "web02")]               // journalctl -k
    [InlineData("Jun 15 00:02:25.123456 web02 kernel: " + Kernel, "web02")]        // journalctl -k -o short-precise
    [InlineData("2019-06-15T00:02:25+0900 web02 kernel: " + Kernel, "web02")]      // journalctl -k -o short-iso
    public void Kernel_oom_lines_are_kills(string line, string host)
    {
        var report = Assert.Single(KillReports.ParseText(line, "kern.log", "web02", Around));
        Assert.Equal((host, new DateTime(2019, 6, 15, 0, 2, 25), KillDetectors.KernelOom), (report.Host, report.At, report.Detector));
        var p = Assert.Single(report.Killed);
        Assert.Equal((45594, "index.fcgi"), (p.Pid, p.Command));
        Assert.Equal(Math.Round((262000 + 4096 + 2021000) / 1024.0, 1), p.RssMb);
        Assert.Equal(Math.Round(262000 / 1024.0, 1), p.PrivMb);
        Assert.Null(report.System);
    }

    [Fact]
    public void The_older_two_line_form_counts_once()
    {
        var text = "[Sat Jun 15 00:02:25 2019] Out of memory: Kill process 45594 (index.fcgi) score 912 or sacrifice child\n"
                   + "[Sat Jun 15 00:02:25 2019] Killed process 45594 (index.fcgi) total-vm:2630000kB, anon-rss:262000kB, file-rss:4096kB\n";
        Assert.Single(KillReports.ParseText(text, "dmesg", "web02", Around));
    }

    [Fact]
    public void Systemd_oomd_lines_are_kills_of_a_cgroup()
    {
        var line = "Jun 15 00:02:25 web03 systemd-oomd[612]: Killed /system.slice/app.service due to memory pressure for /system.slice being 72.40% > 50.00% for > 20s with reclaim activity";
        var report = Assert.Single(KillReports.ParseText(line, "journal.txt", "x", Around));
        Assert.Equal(("web03", KillDetectors.SystemdOomd, "/system.slice/app.service"), (report.Host, report.Detector, report.Killed[0].Command));
        Assert.True(double.IsNaN(report.Killed[0].RssMb));
    }

    [Fact]
    public void A_journal_line_without_a_year_takes_the_year_of_the_data()
    {
        var report = Assert.Single(KillReports.ParseText("Dec 31 23:59:59 web01 kernel: " + Kernel, around: new DateTime(2020, 1, 1, 0, 5, 0)));
        Assert.Equal(new DateTime(2019, 12, 31, 23, 59, 59), report.At);
    }

    [Fact]
    public void Plain_dmesg_times_since_boot_are_not_counted_and_a_note_says_why()
    {
        var notes = new List<string>();
        var reports = KillReports.ParseText("[1234567.890123] " + Kernel + "\n[1234599.000001] " + Kernel + "\n", "dmesg.txt", "web01", Around, notes);
        Assert.Empty(reports);
        var note = Assert.Single(notes);
        Assert.StartsWith("dmesg.txt:1: kill line without a clock time", note);
        Assert.Contains("dmesg -T", note);
        Assert.EndsWith("(2 such lines)", note);
    }

    [Fact]
    public void Mails_and_kernel_lines_mix_in_one_file()
    {
        var text = SeedExcerpts.KillReport + "\nJun 15 00:05:00 web01 kernel: " + Kernel + "\n";
        var reports = KillReports.ParseText(text, "mixed", "web02", Around);
        Assert.Equal([KillDetectors.Watchdog, KillDetectors.KernelOom], reports.OrderBy(r => r.At).Select(r => r.Detector));
    }

    [Fact]
    public void A_kills_file_with_nothing_recognisable_gives_a_note_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kills-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "hello\nnothing to see\n");
        try
        {
            var notes = new List<string>();
            Assert.Empty(KillReports.LoadAll(path, notes: notes));
            Assert.StartsWith(path + ": no kill found (expected the watchdog's KILLED PROCESSES mail, kernel 'Out of memory: Killed process' lines", Assert.Single(notes));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_request_log_with_no_request_gives_a_note_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"access-{Guid.NewGuid():N}.log");
        File.WriteAllText(path, "# nothing\n\n");
        try
        {
            var notes = new List<string>();
            Assert.Empty(RequestLog.Load(path, notes: notes));
            Assert.StartsWith(path + ": no request found", Assert.Single(notes));
        }
        finally { File.Delete(path); }
    }
}
