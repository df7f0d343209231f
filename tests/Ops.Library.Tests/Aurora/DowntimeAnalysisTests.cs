using Ops.Aurora;

namespace Ops.Tests.Aurora;

public class DowntimeAnalysisTests
{
    [Fact]
    public void No_failures_means_no_downtime()
    {
        var d = DowntimeAnalysis.Role(SyntheticRun.Attempts(ProbeRole.Writer, "........"), ProbeRole.Writer);
        Assert.Equal(0, d.DowntimeSeconds);
        Assert.Null(d.FirstFailure);
        Assert.Equal(8, d.Attempts);
    }

    [Fact]
    public void Downtime_runs_from_first_failure_to_first_stable_success()
    {
        //                                                         0123456789012345
        var d = DowntimeAnalysis.Role(SyntheticRun.Attempts(ProbeRole.Writer, "....TTRRR......."), ProbeRole.Writer);
        Assert.Equal(5, d.DowntimeSeconds);
        Assert.Equal(SyntheticRun.Start.AddSeconds(4), d.FirstFailure);
        Assert.Equal(SyntheticRun.Start.AddSeconds(9), d.Recovery);
        Assert.Equal(5, d.Failures);
        Assert.Equal(2, d.OutcomeCounts[AttemptOutcome.Timeout]);
        Assert.Equal(3, d.OutcomeCounts[AttemptOutcome.Refused]);
        Assert.True(d.Recovered);
    }

    [Fact]
    public void Short_success_runs_inside_the_outage_are_flaps_not_recovery()
    {
        //                                                         0123456789012345678
        var d = DowntimeAnalysis.Role(SyntheticRun.Attempts(ProbeRole.Reader, "...R.R..RR.R......."), ProbeRole.Reader);
        Assert.Equal(9, d.DowntimeSeconds); // 3 -> 12
        Assert.Equal(3, d.Flaps.Count);
        Assert.Equal([1, 2, 1], d.Flaps.Select(f => f.Successes));
        Assert.Equal(5, d.Failures);
    }

    [Fact]
    public void Stable_success_count_is_configurable()
    {
        var attempts = SyntheticRun.Attempts(ProbeRole.Reader, "...R..R......");
        // Two successes end each single failure: two outages of 1 s, the first the headline, the second a blip.
        Assert.Equal(1, DowntimeAnalysis.Role(attempts, ProbeRole.Reader, stableSuccesses: 2).DowntimeSeconds);
        Assert.Single(DowntimeAnalysis.Role(attempts, ProbeRole.Reader, stableSuccesses: 2).Blips);
        Assert.Equal(4, DowntimeAnalysis.Role(attempts, ProbeRole.Reader, stableSuccesses: 3).DowntimeSeconds);
    }

    [Fact]
    public void Read_only_tail_is_separated_from_connection_errors()
    {
        //                                                         012345678901234567
        var d = DowntimeAnalysis.Role(SyntheticRun.Attempts(ProbeRole.Writer, "..TTTRRROOOO......"), ProbeRole.Writer);
        Assert.Equal(10, d.DowntimeSeconds);
        Assert.Equal(4, d.ReadOnlySeconds);
        Assert.Equal(6, d.ConnectionErrorSeconds);
    }

    [Fact]
    public void Read_only_answers_before_a_later_connection_error_are_not_the_tail()
    {
        var d = DowntimeAnalysis.Role(SyntheticRun.Attempts(ProbeRole.Writer, "..OORROO....."), ProbeRole.Writer);
        Assert.Equal(6, d.DowntimeSeconds);
        Assert.Equal(2, d.ReadOnlySeconds);
    }

    [Fact]
    public void Unrecovered_role_counts_to_the_end_of_the_run()
    {
        var d = DowntimeAnalysis.Role(SyntheticRun.Attempts(ProbeRole.Writer, "...RRRR"), ProbeRole.Writer);
        Assert.False(d.Recovered);
        Assert.Null(d.Recovery);
        Assert.Equal(4, d.DowntimeSeconds);
    }

    [Fact]
    public void Recovery_in_the_last_attempts_is_reported_unconfirmed()
    {
        var d = DowntimeAnalysis.Role(SyntheticRun.Attempts(ProbeRole.Writer, "..RR.."), ProbeRole.Writer);
        Assert.True(d.Recovered);
        Assert.False(d.RecoveryConfirmed);
        Assert.Equal(2, d.DowntimeSeconds);
    }

    [Fact]
    public void Dns_change_is_timed_against_recovery_and_instances_named()
    {
        var attempts = SyntheticRun.Attempts(ProbeRole.Writer, "...RRROOO.....",
            dns: new Dictionary<int, string> { [0] = "10.0.1.11", [9] = "10.0.1.13" },
            instances: new Dictionary<int, string> { [0] = "instance-01", [9] = "instance-03" });
        var d = DowntimeAnalysis.Role(attempts, ProbeRole.Writer);
        var change = Assert.Single(d.DnsChanges);
        Assert.Equal(["10.0.1.11"], change.From);
        Assert.Equal(["10.0.1.13"], change.To);
        Assert.Equal(0, d.RecoveryAfterDnsChangeSeconds);
        Assert.Equal("instance-01", d.InstanceBefore);
        Assert.Equal("instance-03", d.InstanceAfter);
    }

    [Fact]
    public void Trials_table_has_mean_median_and_max_like_the_seed()
    {
        var runs = new[] { 28, 11, 17, 14, 24 }.Select((w, i) => new ProbeRun
        {
            Label = $"t{i + 1}",
            Attempts = [.. SyntheticRun.Attempts(ProbeRole.Writer, "..." + new string('R', w) + "....."),
                        .. SyntheticRun.Attempts(ProbeRole.Reader, "..." + new string('T', 10 + i) + ".....")],
        }).ToList();
        var trials = FailoverTrials.Analyze(runs);
        var w = trials.Summary(ProbeRole.Writer);
        Assert.Equal((18.8, 17.0, 28.0), (w.Mean, w.Median, w.Max));
        var text = trials.ToTable().ToPlainText();
        Assert.Contains("| writer ", text);
        Assert.Contains("18.8", text);
        var json = trials.ToJson();
        var first = json["trials"]![0]!;
        Assert.Equal("t1", first["label"]!.GetValue<string>());
        Assert.Equal(28, first["writer"]!["downtimeSeconds"]!.GetValue<double>());
        Assert.Equal(0, first["writer"]!["readOnlySeconds"]!.GetValue<double>());
        Assert.True(first["writer"]!["recovered"]!.GetValue<bool>());
        Assert.Equal(10, first["reader"]!["downtimeSeconds"]!.GetValue<double>());
        Assert.Equal(18.8, json["summary"]!["writer"]!["mean"]!.GetValue<double>());
    }

    [Fact]
    public void Comparison_reports_change_of_each_statistic()
    {
        ProbeRun Run(int seconds) => new() { Attempts = [.. SyntheticRun.Attempts(ProbeRole.Writer, "." + new string('R', seconds) + "...."), .. SyntheticRun.Attempts(ProbeRole.Reader, "....")] };
        var before = FailoverTrials.Analyze([Run(20), Run(10)], configuration: "aurora endpoints");
        var after = FailoverTrials.Analyze([Run(5), Run(5)], configuration: "mydns checker");
        var text = FailoverComparison.Of(before, after).ToTable().ToPlainText();
        Assert.Contains("aurora endpoints (s)", text);
        Assert.Matches(@"\| writer \| mean\s+\|\s+15 \|\s+5 \|\s+-67% \|", text);
    }

    [Fact]
    public void Run_file_round_trips_with_snake_case_outcomes()
    {
        var run = new ProbeRun { Label = "x", IntervalMs = 100, Attempts = SyntheticRun.Attempts(ProbeRole.Writer, ".O") };
        var json = run.ToJson();
        Assert.Contains("\"outcome\":\"read_only\"", json);
        var back = ProbeRun.Parse(json);
        Assert.Equal(AttemptOutcome.ReadOnly, back.Attempts[1].Outcome);
        Assert.Equal(run.Attempts[1].StartedAt, back.Attempts[1].StartedAt);
    }

    [Fact]
    public void Broken_run_file_names_the_file_and_line()
    {
        var ex = Assert.Throws<InvalidDataException>(() => ProbeRun.Parse("{\n\"attempts\": [}", "run.json"));
        Assert.StartsWith("run.json:2:", ex.Message);
    }
}
