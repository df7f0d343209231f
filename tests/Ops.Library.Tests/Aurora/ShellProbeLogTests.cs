using Ops.Aurora;

namespace Ops.Tests.Aurora;

/// <summary>The shell probe loop of docs/aurora.md, as an on-call engineer's terminal captured it.</summary>
public class ShellProbeLogTests
{
    private const string Refused = "ERROR 2003 (HY000): Can't connect to MySQL server on 'aurora-test.cluster-x.rds.amazonaws.com:3306' (111)";
    private const string TimedOut = "ERROR 2003 (HY000): Can't connect to MySQL server on 'aurora-test.cluster-x.rds.amazonaws.com:3306' (110)";
    private const string ReadOnly = "ERROR 1290 (HY000) at line 1: The MySQL server is running with the --read-only option so it cannot execute this statement";

    /// <summary>One `date` line per attempt (plain date(1) output), the client's warning, an ERROR line for failures.</summary>
    private static string Log(string outcomes, Func<int, string>? time = null)
    {
        time ??= i => new DateTime(2026, 11, 2, 1, 0, 0).AddSeconds(i).ToString("ddd MMM d HH:mm:ss 'UTC' yyyy", System.Globalization.CultureInfo.InvariantCulture)
            .Replace(" 2 ", "  2 ");
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < outcomes.Length; i++)
        {
            sb.Append(time(i)).Append('\n');
            sb.Append("mysql: [Warning] Using a password on the command line interface can be insecure.\n");
            sb.Append(outcomes[i] switch { 'R' => Refused + "\n", 'T' => TimedOut + "\n", 'O' => ReadOnly + "\n", _ => "" });
        }
        return sb.ToString();
    }

    [Fact]
    public void The_classic_loop_log_gives_the_same_downtime_as_a_probe_run()
    {
        // 3 timeouts, 5 refusals, 3 read-only answers from 2 s: an 11 s writer outage with a 3 s read-only tail.
        var run = ShellProbeLog.ParseText(Log("..TTTRRRRROOO......"));
        Assert.Equal(19, run.Attempts.Count);
        Assert.Equal(1000, run.IntervalMs);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero), run.StartedAt);
        var d = DowntimeAnalysis.Analyze(run).Writer;
        Assert.Equal((11.0, 3.0), (d.DowntimeSeconds, d.ReadOnlySeconds));
        Assert.Equal(new Dictionary<AttemptOutcome, int> { [AttemptOutcome.Refused] = 5, [AttemptOutcome.Timeout] = 3, [AttemptOutcome.ReadOnly] = 3 }, d.Headline!.Errors);
        Assert.Equal(0, DowntimeAnalysis.Analyze(run).Reader.Attempts);
    }

    [Fact]
    public void A_reader_log_is_a_run_of_the_reader_and_select_output_is_a_success()
        // The SELECT prints UNIX_TIMESTAMP() values: they must not be taken for time lines.
    {
        var log = "Mon Nov  2 01:00:00 UTC 2026\ncol\n1793494800\nMon Nov  2 01:00:01 UTC 2026\n" + Refused + "\nMon Nov  2 01:00:02 UTC 2026\n" + Refused
                  + "\nMon Nov  2 01:00:03 UTC 2026\ncol\n1\nMon Nov  2 01:00:04 UTC 2026\ncol\n1\nMon Nov  2 01:00:05 UTC 2026\ncol\n1\n";
        var run = ShellProbeLog.ParseText(log, ProbeRole.Reader);
        Assert.All(run.Attempts, a => Assert.Equal(ProbeRole.Reader, a.Role));
        Assert.Equal(2, DowntimeAnalysis.Analyze(run).Reader.DowntimeSeconds);
    }

    [Theory]
    [InlineData("2026-11-02T01:00:07.250Z", 7.25)]                 // date -u '+%Y-%m-%dT%H:%M:%S.%3NZ'
    [InlineData("2026-11-02T10:00:07+09:00", 7)]                   // date -Iseconds in Tokyo
    [InlineData("2026-11-02 01:00:07", 7)]                         // date '+%F %T' (taken as UTC)
    [InlineData("Mon Nov  2 10:00:07 JST 2026", 7)]                // plain date in Tokyo
    [InlineData("Mon Nov  2 01:00:07 +0000 2026", 7)]              // date '+%a %b %e %T %z %Y'
    public void Time_lines_in_the_usual_formats(string line, double secondsAfterOne)
    {
        var t = ShellProbeLog.Time(line);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero).AddSeconds(secondsAfterOne), t);
    }

    [Fact]
    public void An_epoch_number_is_not_a_time_line() => Assert.Null(ShellProbeLog.Time("1793581207"));

    [Theory]
    [InlineData(2003, Refused, AttemptOutcome.Refused)]
    [InlineData(2003, TimedOut, AttemptOutcome.Timeout)]
    [InlineData(2002, "ERROR 2002 (HY000): Can't connect to server on 'db' (115)", AttemptOutcome.Timeout)]
    [InlineData(1290, ReadOnly, AttemptOutcome.ReadOnly)]
    [InlineData(1045, "ERROR 1045 (28000): Access denied for user 'probe'@'10.0.0.5' (using password: YES)", AttemptOutcome.Auth)]
    [InlineData(2005, "ERROR 2005 (HY000): Unknown MySQL server host 'x' (-2)", AttemptOutcome.Other)]
    public void Client_errors_map_to_outcomes(int code, string line, AttemptOutcome expected) =>
        Assert.Equal(expected, ShellProbeLog.Outcome(code, line));

    [Fact]
    public void A_file_that_is_not_a_loop_log_is_refused_naming_file_and_line()
    {
        var e = Assert.Throws<InvalidDataException>(() => ShellProbeLog.ParseText("hello\nworld\n", source: "notes.txt"));
        Assert.StartsWith("notes.txt:1: not a probe loop log", e.Message);
        e = Assert.Throws<InvalidDataException>(() => ShellProbeLog.ParseText("\n\n", source: "empty.log"));
        Assert.StartsWith("empty.log: no time lines", e.Message);
    }

    [Fact]
    public void An_unknown_time_zone_is_refused_rather_than_guessed()
    {
        var e = Assert.Throws<InvalidDataException>(() => ShellProbeLog.ParseText("Mon Nov  2 01:00:07 CEST 2026\n", source: "w.log"));
        Assert.Contains("CEST", e.Message);
        Assert.Contains("date -u", e.Message);
    }

    [Fact]
    public void Loading_a_file_names_the_trial_by_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"writer-{Guid.NewGuid():N}.log");
        File.WriteAllText(path, Log("..RR...."));
        try
        {
            var run = ProbeRun.LoadAny(path);
            Assert.Equal(Path.GetFileNameWithoutExtension(path), run.Label);
            Assert.Equal(2, DowntimeAnalysis.Analyze(run).Writer.DowntimeSeconds);
        }
        finally { File.Delete(path); }
    }
}
