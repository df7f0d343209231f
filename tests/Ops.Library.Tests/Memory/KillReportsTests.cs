using Ops.Memory;

namespace Ops.Tests.Memory;

public class KillReportsTests
{
    [Fact]
    public void Seed_kill_report_is_parsed_field_by_field()
    {
        var report = Assert.Single(KillReports.ParseText(SeedExcerpts.KillReport, "seed.mail", "web01"));

        Assert.Equal("web01", report.Host);
        Assert.Equal(new DateTime(2019, 6, 15, 0, 3, 13), report.MailedAt);
        Assert.Equal(new DateTime(2019, 6, 15, 0, 2, 25), report.At);
        Assert.Equal(23989.36, report.System!.TotalMb);
        Assert.Equal(268.39, report.System!.FreeMb);
        Assert.Equal(590.23, report.System!.BuffersMb);
        Assert.Equal(285.82, report.System!.CachedMb);
        Assert.Equal(1144.44, report.System!.RealFreeMb);
        Assert.Equal(4.77, report.System!.RealFreePercent);

        var p = Assert.Single(report.Killed);
        Assert.Equal("KILLED", p.Status);
        Assert.Equal("xxxx", p.User);
        Assert.Equal(42482, p.Ppid);
        Assert.Equal(45594, p.Pid);
        Assert.Equal(0, p.Child);
        Assert.Equal(2229.8, p.RssMb);
        Assert.Equal(255.9, p.PrivMb);
        Assert.Equal(1973.9, p.SharMb);
        Assert.Equal(88.5, p.SharPercent);
        Assert.Equal(new DateTime(2019, 6, 14, 23, 58, 10), p.Start);
        Assert.Equal("index.fcgi", p.Command);
        Assert.Equal("fat", p.Kind);
        Assert.Equal(TimeSpan.FromSeconds(255), p.AgeAt(report.At));
    }

    [Fact]
    public void Mbox_holds_several_reports_with_several_killed_rows_and_hosts_from_headers()
    {
        var mbox = """
            From watchdog@web01.example.jp Sat Jun 15 00:03:13 2019
            From: watchdog@web01.example.jp
            Subject: KILLED PROCESSES

            [2019/06/15 00:03:13]
            KILLED PROCESSES

            ============================================================================
            = 2019-06-15T00:02:25 =
            == SYSTEM ==
               TOTAL     FREE  BUFFERS   CACHED    REALFREE REALFREE%
            23989.36   268.39   590.23   285.82     1144.44     4.77%

            == KILLED PROCESSES (fat) ==
            STATUS  USER      PPID   PID CHILD     RSS    PRIV    SHAR SHAR% START               CMD
            KILLED  xxxx     42482 45594     0  2229.8   255.9  1973.9 88.5% 2019-06-14T23:58:10 index.fcgi
            KILLED  xxxx     42482 45601     0  2101.2   240.0  1861.2 88.6% 2019-06-14T23:59:02 index.fcgi --mode api

            From watchdog@web02.example.jp Sat Jun 15 00:05:01 2019
            From: watchdog@web02.example.jp
            X-Host: web02

            [2019/06/15 00:05:01]
            KILLED PROCESSES
            ============================================================================
            = 2019-06-15T00:04:40 =
            == SYSTEM ==
               TOTAL     FREE  BUFFERS   CACHED    REALFREE REALFREE%
            23989.36   301.00   500.00   300.00     1101.00     4.59%
            == KILLED PROCESSES (fat) ==
            STATUS  USER      PPID   PID CHILD     RSS    PRIV    SHAR SHAR% START               CMD
            KILLED  xxxx     40001 40100     0  2000.0   300.0  1700.0 85.0% 2019-06-15T00:00:00 index.fcgi
            ============================================================================
            = 2019-06-15T00:04:58 =
            == SYSTEM ==
               TOTAL     FREE  BUFFERS   CACHED    REALFREE REALFREE%
            23989.36   290.00   500.00   300.00     1090.00     4.54%
            == KILLED PROCESSES (fat) ==
            STATUS  USER      PPID   PID CHILD     RSS    PRIV    SHAR SHAR% START               CMD
            KILLED  xxxx     40001 40101     0  1990.0   310.0  1680.0 84.4% 2019-06-15T00:00:01 index.fcgi
            """;
        var reports = KillReports.ParseText(mbox, "alerts.mbox", "fallback");

        Assert.Equal(3, reports.Count);
        Assert.Equal(new[] { "web01", "web02", "web02" }, reports.Select(r => r.Host));
        Assert.Equal(2, reports[0].Killed.Count);
        Assert.Equal("index.fcgi --mode api", reports[0].Killed[1].Command);
        Assert.Equal(new DateTime(2019, 6, 15, 0, 4, 58), reports[2].At);
        Assert.Equal(new DateTime(2019, 6, 15, 0, 5, 1), reports[2].MailedAt);
        Assert.Equal(40101, reports[2].Killed[0].Pid);
    }

    [Fact]
    public void Malformed_killed_row_names_file_and_line()
    {
        var broken = SeedExcerpts.KillReport.Replace("2229.8", "22x9.8");
        var e = Assert.Throws<MemoryInputException>(() => KillReports.ParseText(broken, "seed.mail"));
        Assert.Equal(12, e.Line);
        Assert.StartsWith("seed.mail:12: RSS '22x9.8' is not a number", e.Message);
    }

    [Fact]
    public void Report_without_system_values_is_an_error_at_its_event_line()
    {
        var cut = string.Join('\n', SeedExcerpts.KillReport.Split('\n').Take(6));
        var e = Assert.Throws<MemoryInputException>(() => KillReports.ParseText(cut, "cut.mail"));
        Assert.Equal("cut.mail", e.Source);
        Assert.Equal(5, e.Line);
    }
}
