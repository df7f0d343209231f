using System.CommandLine;
using System.Text.Json.Nodes;
using Ops.Aurora;
using Ops.Kernel.Cli;

namespace Ops.Kernel.Tests.Cli;

public class AuroraVerbTests
{
    // Through OpsCommandLine.Run, as the program runs it (unknown options, exit-code table).
    private static (int Code, string Out, string Err) Run(params string[] args) => InProcessOps.Run(args);

    private static string RunFile(string writer, string reader, string configuration = "", string name = "")
    {
        var start = new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
        var attempts = new List<ProbeAttempt>();
        foreach (var (role, outcomes) in new[] { (ProbeRole.Writer, writer), (ProbeRole.Reader, reader) })
            for (var i = 0; i < outcomes.Length; i++)
                attempts.Add(new ProbeAttempt
                {
                    Role = role, Sequence = i, ScheduledAt = start.AddSeconds(i), StartedAt = start.AddSeconds(i),
                    Outcome = outcomes[i] switch { '.' => AttemptOutcome.Ok, 'O' => AttemptOutcome.ReadOnly, _ => AttemptOutcome.Refused },
                });
        var dir = Directory.CreateTempSubdirectory("ops-aurora-").FullName;
        var path = Path.Combine(dir, (name.Length > 0 ? name : "run") + ".json");
        new ProbeRun { Label = "t", Configuration = configuration, IntervalMs = 1000, StartedAt = start, Attempts = attempts }.Save(path);
        return path;
    }

    private static void Delete(params string[] paths)
    {
        foreach (var p in paths) Directory.Delete(Path.GetDirectoryName(p)!, true);
    }

    [Fact]
    public void Analyze_json_follows_the_contract()
    {
        var one = RunFile("..RRRROO.....", "..RR.R.R.....");
        var two = RunFile("...RR........", ".............");
        try
        {
            var (code, output, error) = Run("aurora", "analyze", one, two, "--json");
            Assert.True(code == 0, error);
            var trials = JsonNode.Parse(output)!["trials"]!.AsArray();
            Assert.Equal(2, trials.Count);
            Assert.Equal(6.0, trials[0]!["writer"]!["downtimeSeconds"]!.GetValue<double>());
            Assert.Equal(2.0, trials[0]!["writer"]!["readOnlySeconds"]!.GetValue<double>());
            Assert.Equal(6.0, trials[0]!["reader"]!["downtimeSeconds"]!.GetValue<double>());
            Assert.Equal(2.0, trials[1]!["writer"]!["downtimeSeconds"]!.GetValue<double>());
            Assert.Equal(0.0, trials[1]!["reader"]!["downtimeSeconds"]!.GetValue<double>());
        }
        finally { Delete(one, two); }
    }

    [Fact]
    public void Analyze_prints_the_seed_style_table()
    {
        var one = RunFile("..RRRROO.....", ".............");
        try
        {
            var (code, output, _) = Run("aurora", "analyze", one);
            Assert.Equal(0, code);
            Assert.Contains("| writer ", output);
            Assert.Contains("| mean |", output);
        }
        finally { Delete(one); }
    }

    [Fact]
    public void Analyze_of_a_missing_file_names_it_and_exits_3()
    {
        var (code, _, error) = Run("aurora", "analyze", "/nonexistent/run.json");
        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("/nonexistent/run.json", error);
    }

    // What an engineer expects from `ops aurora analyze`, one fact changed at a time.

    private static readonly string Failover = "TTT" + new string('R', 16) + new string('O', 9); // 28 s, 9 s read-only

    [Fact]
    public void Stray_failure_before_the_failover_keeps_the_28_s_outage_as_downtime_and_reports_the_blip()
    {
        var one = RunFile("....R....." + Failover + ".....", new string('.', 43));
        try
        {
            var (code, output, error) = Run("aurora", "analyze", one, "--json");
            Assert.True(code == 0, error);
            var writer = JsonNode.Parse(output)!["trials"]![0]!["writer"]!;
            Assert.Equal(28.0, writer["downtimeSeconds"]!.GetValue<double>());
            Assert.Equal(9.0, writer["readOnlySeconds"]!.GetValue<double>());
            Assert.Equal(10.0, Assert.Single(writer["outages"]!.AsArray())!["startSeconds"]!.GetValue<double>());
            Assert.Equal(4.0, Assert.Single(writer["blips"]!.AsArray())!["startSeconds"]!.GetValue<double>());

            (code, output, _) = Run("aurora", "analyze", one);
            Assert.Matches(@"\| writer\s+\|\s+28 \|", output);
            Assert.Contains("blip", output);
        }
        finally { Delete(one); }
    }

    [Fact]
    public void Two_writer_outages_are_both_listed()
    {
        var one = RunFile("..RRRR.....RRRRRRR....", new string('.', 22));
        try
        {
            var (code, output, error) = Run("aurora", "analyze", one, "--json");
            Assert.True(code == 0, error);
            var outages = JsonNode.Parse(output)!["trials"]![0]!["writer"]!["outages"]!.AsArray();
            Assert.Equal([(2.0, 6.0, 4.0), (11.0, 18.0, 7.0)], outages.Select(o => (o!["startSeconds"]!.GetValue<double>(), o["endSeconds"]!.GetValue<double>(), o["seconds"]!.GetValue<double>())));
            Assert.Equal(7.0, JsonNode.Parse(output)!["trials"]![0]!["writer"]!["downtimeSeconds"]!.GetValue<double>());
        }
        finally { Delete(one); }
    }

    [Fact]
    public void A_writer_that_never_recovers_says_so_in_text_json_and_on_stderr()
    {
        var one = RunFile("...RRRRRRR", "..........");
        try
        {
            var (code, output, error) = Run("aurora", "analyze", one);
            Assert.Equal(0, code);
            Assert.Contains("7 not recovered", output);
            Assert.Contains("had not recovered when the run ended", error);
            (_, output, _) = Run("aurora", "analyze", one, "--json");
            Assert.False(JsonNode.Parse(output)!["trials"]![0]!["writer"]!["recovered"]!.GetValue<bool>());
        }
        finally { Delete(one); }
    }

    [Fact]
    public void The_shell_loop_log_is_a_writer_run_or_a_reader_run_when_told()
    {
        var dir = Directory.CreateTempSubdirectory("ops-aurora-log-");
        var log = Path.Combine(dir.FullName, "writer.log");
        var lines = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            lines.Add($"2026-11-02T01:00:{i:00}Z");
            if (i is >= 2 and < 6) lines.Add("ERROR 2003 (HY000): Can't connect to MySQL server on 'db:3306' (111)");
        }
        File.WriteAllLines(log, lines);
        try
        {
            var (code, output, error) = Run("aurora", "analyze", log, "--json");
            Assert.True(code == 0, error);
            var trial = JsonNode.Parse(output)!["trials"]![0]!;
            Assert.Equal("writer", trial["label"]!.GetValue<string>());
            Assert.Equal(4.0, trial["writer"]!["downtimeSeconds"]!.GetValue<double>());
            Assert.Equal(4, trial["writer"]!["outages"]![0]!["errors"]!["refused"]!.GetValue<int>());
            Assert.Equal(0, trial["reader"]!["attempts"]!.GetValue<int>());

            (code, output, _) = Run("aurora", "analyze", log, "--log-role", "reader", "--json");
            Assert.Equal(4.0, JsonNode.Parse(output)!["trials"]![0]!["reader"]!["downtimeSeconds"]!.GetValue<double>());
            (code, output, _) = Run("aurora", "analyze", log);
            Assert.DoesNotMatch(new System.Text.RegularExpressions.Regex(@"^\| reader\s+\|", System.Text.RegularExpressions.RegexOptions.Multiline), output); // no reader row for a writer-only log
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Rds_events_are_placed_on_the_run_timeline()
    {
        var one = RunFile(new string('.', 10) + new string('R', 20) + new string('.', 10), new string('.', 40));
        var events = Path.Combine(Path.GetDirectoryName(one)!, "events.json");
        File.WriteAllText(events, """
            {"Events": [
              {"SourceIdentifier": "aurora-test", "SourceType": "db-cluster", "Message": "Started cross AZ failover to DB instance: aurora-test-instance-03", "EventCategories": ["failover"], "Date": "2026-11-02T01:00:09.120000+00:00"},
              {"SourceIdentifier": "aurora-test", "SourceType": "db-cluster", "Message": "Completed failover to DB instance: aurora-test-instance-03", "EventCategories": ["failover"], "Date": "2026-11-02T01:00:31.480000+00:00"},
              {"SourceIdentifier": "aurora-test", "SourceType": "db-cluster", "Message": "Started cross AZ failover to DB instance: aurora-test-instance-01", "EventCategories": ["failover"], "Date": "2026-11-05T01:00:00Z"}
            ]}
            """);
        try
        {
            var (code, output, error) = Run("aurora", "analyze", one, "--events", events);
            Assert.True(code == 0, error);
            Assert.Matches(@"rds event\s+\|\s+9\.12 \|.*Started cross AZ failover", output);
            Assert.Matches(@"rds event\s+\|\s+31\.48 \|.*Completed failover", output);
            Assert.Contains("1 of 3 RDS events fall outside every run", error);
            (_, output, _) = Run("aurora", "analyze", one, "--events", events, "--json");
            Assert.Equal([9.12, 31.48], JsonNode.Parse(output)!["trials"]![0]!["events"]!.AsArray().Select(e => e!["seconds"]!.GetValue<double>()));

            (code, _, error) = Run("aurora", "analyze", events);
            Assert.Equal(ExitCodes.InputError, code);
            Assert.Contains(events + ": an RDS events file, not a probe run; give it with --events", error);
        }
        finally { Delete(one); }
    }

    [Fact]
    public void Compare_mode_keeps_two_groups_with_trials_named_by_their_files()
    {
        var b1 = RunFile("." + new string('R', 20) + "....", "....", "aurora endpoints", "before-1");
        var b2 = RunFile("." + new string('R', 10) + "....", "....", "aurora endpoints", "before-2");
        var a1 = RunFile(".RRRRR....", "....", "mydns checker", "after-1");
        try
        {
            var (code, output, error) = Run("aurora", "analyze", "--before", b1, b2, "--after", a1);
            Assert.True(code == 0, error);
            Assert.Matches(@"\| writer \| mean\s+\|\s+15 \|\s+5 \|\s+-67% \|", output);
            Assert.Contains("| before-1 | before-2 |", output.Replace("  ", " ").Replace("  ", " "));
            Assert.Contains("after-1", output);

            // The same files as plain arguments: two configurations are compared, never averaged into one table.
            var (code2, output2, _) = Run("aurora", "analyze", b1, b2, a1);
            Assert.Equal(0, code2);
            Assert.Matches(@"\| writer \| mean\s+\|\s+15 \|\s+5 \|", output2);
            Assert.DoesNotMatch(@"\| writer\s+\|\s+20 \|\s+10 \|\s+5 \|", output2);

            (code, output, _) = Run("aurora", "analyze", "--before", b1, b2, "--after", a1, "--json");
            var json = JsonNode.Parse(output)!;
            Assert.Equal(["aurora endpoints", "mydns checker"], json["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()));
            Assert.Equal(["before-1", "before-2", "after-1"], json["trials"]!.AsArray().Select(t => t!["label"]!.GetValue<string>()));
        }
        finally { Delete(b1, b2, a1); }
    }

    [Theory]
    [InlineData("--before")]
    [InlineData("--after")]
    public void Compare_mode_needs_both_groups(string option)
    {
        var one = RunFile("..RR....", "........");
        try
        {
            var (code, _, error) = Run("aurora", "analyze", option, one);
            Assert.Equal(ExitCodes.Usage, code);
            Assert.Contains("--before RUNS and --after RUNS", error);
        }
        finally { Delete(one); }
    }

    [Fact]
    public void A_json_file_that_is_not_a_run_is_refused_with_exit_3_naming_it()
    {
        var dir = Directory.CreateTempSubdirectory("ops-aurora-bad-");
        var path = Path.Combine(dir.FullName, "cluster.json");
        File.WriteAllText(path, "{\"DBClusters\": []}");
        try
        {
            var (code, output, error) = Run("aurora", "analyze", path);
            Assert.Equal(ExitCodes.InputError, code);
            Assert.Equal("", output);
            Assert.Contains(path + ": not a probe run file", error);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void Probe_refuses_an_unset_password_variable_without_connecting()
    {
        var (code, _, error) = Run("aurora", "probe", "--writer", "127.0.0.1:1", "--user", "u", "--database", "d", "--password-env", "OPS_TEST_UNSET_VARIABLE_X");
        Assert.Equal(2, code);
        Assert.Contains("OPS_TEST_UNSET_VARIABLE_X", error);
    }

    [Fact]
    public void Probe_out_naming_a_directory_is_a_usage_error_before_probing_without_a_stack_trace()
    {
        var dir = Directory.CreateTempSubdirectory("ops-aurora-out-").FullName;
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // A closed port and a 10 s duration: reaching the probe would take 10 s and print a table.
            var (code, output, error) = Run("aurora", "probe", "--writer", $"127.0.0.1:{Ops.Testing.FreePort.Tcp()}", "--user", "u", "--database", "d",
                "--duration", "10s", "--out", dir);
            Assert.Equal(ExitCodes.Usage, code);
            Assert.Contains($"--out {dir}: is a directory", error);
            Assert.Contains("trial-1.json", error);
            Assert.DoesNotContain("   at ", error);
            Assert.Equal("", output);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}: it probed first");
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Probe_writes_the_run_file_it_names_and_no_temp_file()
    {
        var dir = Directory.CreateTempSubdirectory("ops-aurora-out-").FullName;
        try
        {
            var path = Path.Combine(dir, "trial.json");
            var (code, _, error) = Run("aurora", "probe", "--writer", $"127.0.0.1:{Ops.Testing.FreePort.Tcp()}", "--user", "u", "--database", "d",
                "--count", "2", "--interval", "50ms", "--attempt-timeout", "500ms", "--quiet", "--out", path);
            Assert.True(code == ExitCodes.Success, error);
            var run = ProbeRun.Load(path);
            Assert.Equal(2, run.Of(ProbeRole.Writer).Count());
            Assert.All(run.Attempts, a => Assert.Equal(AttemptOutcome.Refused, a.Outcome));
            Assert.Equal(["trial.json"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Probe_has_no_password_option()
    {
        var (code, _, _) = Run("aurora", "probe", "--writer", "h", "--user", "u", "--database", "d", "--password", "secret");
        Assert.NotEqual(0, code);
    }

    [Theory]
    [InlineData("db.example:3307", "db.example", 3307)]
    [InlineData("db.example", "db.example", 3306)]
    [InlineData("[::1]:3310", "::1", 3310)]
    [InlineData("10.0.0.5", "10.0.0.5", 3306)]
    public void Endpoints_parse_with_default_port(string text, string host, int port) =>
        Assert.Equal((host, port), AuroraVerb.ParseEndpoint(text));

    [Theory]
    [InlineData("100ms", 100)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120000)]
    [InlineData("3", 3000)]
    public void Durations_parse_with_units(string text, double ms) =>
        Assert.Equal(ms, AuroraVerb.ParseDuration(text, "--interval").TotalMilliseconds);
}
