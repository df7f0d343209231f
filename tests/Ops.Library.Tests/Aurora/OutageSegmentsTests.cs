using System.Text.Json.Nodes;
using Ops.Aurora;

namespace Ops.Tests.Aurora;

/// <summary>
/// The whole run per role, one fact changed at a time from the bundled trial shape (1 s attempts, a 28 s
/// writer outage: 3 timeouts, 16 refusals, 9 read-only answers). Each comment is what an engineer reading the
/// postmortem expects before running it.
/// </summary>
public class OutageSegmentsTests
{
    // 28 s: TTT + 16 R + 9 O, the shape of the first trial with the Aurora endpoints.
    private static readonly string Failover = "TTT" + new string('R', 16) + new string('O', 9);

    private static RoleDowntime Writer(string outcomes, double? minOutageSeconds = null) =>
        DowntimeAnalysis.Role(SyntheticRun.Attempts(ProbeRole.Writer, outcomes), ProbeRole.Writer, minOutageSeconds: minOutageSeconds);

    [Fact]
    public void A_stray_failure_before_the_failover_is_a_blip_and_the_28_s_outage_stays_the_headline()
    {
        // Expected: downtime 28 s from the first timeout, read-only tail 9 s; the refusal at 4 s is a 1 s blip.
        var d = Writer("...." + "R" + "....." + Failover + ".....");
        Assert.Equal(28, d.DowntimeSeconds);
        Assert.Equal(9, d.ReadOnlySeconds);
        Assert.Equal(SyntheticRun.Start.AddSeconds(10), d.FirstFailure);
        var blip = Assert.Single(d.Blips);
        Assert.Equal((SyntheticRun.Start.AddSeconds(4), 1.0), (blip.Start, blip.Seconds));
        Assert.Single(d.Outages);
        Assert.True(d.Recovered);
    }

    [Fact]
    public void With_a_minimum_of_zero_the_stray_failure_is_an_outage_but_not_the_headline()
    {
        var d = Writer("....R....." + Failover + ".....", minOutageSeconds: 0);
        Assert.Empty(d.Blips);
        Assert.Equal([1.0, 28.0], d.Outages.Select(o => o.Seconds));
        Assert.Equal(28, d.DowntimeSeconds);
    }

    [Fact]
    public void A_minimum_longer_than_a_short_second_outage_makes_it_a_blip()
    {
        // 4 s then 7 s; with --min-outage 5s the 4 s one is a blip, the 7 s one the only outage.
        var d = Writer("..RRRR.....RRRRRRR....", minOutageSeconds: 5);
        Assert.Equal([4.0], d.Blips.Select(b => b.Seconds));
        Assert.Equal([7.0], d.Outages.Select(o => o.Seconds));
    }

    [Fact]
    public void Two_outages_are_both_listed_and_the_longer_one_is_the_headline()
    {
        //              0123456789012345678901
        var d = Writer("..RRRR.....RRRRRRR....");
        Assert.Equal([(2.0, 4.0), (11.0, 7.0)], d.Outages.Select(o => ((o.Start - SyntheticRun.Start).TotalSeconds, o.Seconds)));
        Assert.Equal(7, d.DowntimeSeconds);
        Assert.Equal(SyntheticRun.Start.AddSeconds(11), d.FirstFailure);
        Assert.Equal(SyntheticRun.Start.AddSeconds(18), d.Recovery);
        Assert.Equal(7, d.Failures);
    }

    [Fact]
    public void Equal_outages_take_the_first_as_headline()
    {
        var d = Writer("..RRR.....RRR....");
        Assert.Equal(SyntheticRun.Start.AddSeconds(2), d.FirstFailure);
        Assert.Equal(2, d.Outages.Count);
    }

    [Fact]
    public void A_writer_that_never_recovers_is_flagged_and_its_downtime_runs_to_the_end_of_the_run()
    {
        // Failure at 3, last attempt at 9: down for at least 7 s (to the end of the last attempt's slot).
        var d = Writer("...RRRRRRR");
        Assert.False(d.Recovered);
        Assert.Null(d.Recovery);
        Assert.Equal(7, d.DowntimeSeconds);
        Assert.False(Assert.Single(d.Outages).Recovered);
    }

    [Fact]
    public void A_single_failure_at_the_end_of_the_run_is_not_recovered_not_a_blip()
    {
        // The 28 s outage recovered, but the run ends on a failure: the role is down at the end.
        var d = Writer("..." + Failover + "......R");
        Assert.False(d.Recovered);
        Assert.Equal(28, d.DowntimeSeconds);
        Assert.Empty(d.Blips);
        Assert.Equal([true, false], d.Outages.Select(o => o.Recovered));
    }

    [Fact]
    public void A_single_failed_attempt_is_the_downtime_when_nothing_longer_happened()
    {
        // A 1 s loop sees a 1 s failover as one failure (the weight checker's second trial, reader 1 s):
        // the first such failure is the headline, later ones are blips.
        var d = Writer("...R.....R.....");
        Assert.Equal(1, d.DowntimeSeconds);
        Assert.Equal(SyntheticRun.Start.AddSeconds(3), d.FirstFailure);
        Assert.Equal(SyntheticRun.Start.AddSeconds(9), Assert.Single(d.Blips).Start);
        Assert.True(d.Recovered);
    }

    [Fact]
    public void No_failure_means_no_outage_and_no_headline()
    {
        var d = Writer("..........");
        Assert.Null(d.Headline);
        Assert.Empty(d.Outages);
        Assert.Empty(d.Blips);
        Assert.Equal(0, d.DowntimeSeconds);
    }

    [Fact]
    public void A_failure_two_attempts_before_the_failover_joins_it_because_two_successes_do_not_end_an_outage()
    {
        // 3 successes end an outage (--stable): "..R..RRRR...." is one 7 s outage with one flap.
        var d = Writer("..R..RRRR....");
        Assert.Equal(7, d.DowntimeSeconds);
        Assert.Equal(2, Assert.Single(d.Flaps).Successes);
        Assert.Empty(d.Blips);
    }

    [Fact]
    public void Each_outage_counts_its_own_errors()
    {
        var d = Writer("..TTRR.....RROOO....");
        Assert.Equal(new Dictionary<AttemptOutcome, int> { [AttemptOutcome.Refused] = 2, [AttemptOutcome.Timeout] = 2 }, d.Outages[0].Errors);
        Assert.Equal(new Dictionary<AttemptOutcome, int> { [AttemptOutcome.Refused] = 2, [AttemptOutcome.ReadOnly] = 3 }, d.Outages[1].Errors);
        Assert.Equal((0.0, 3.0), (d.Outages[0].ReadOnlySeconds, d.Outages[1].ReadOnlySeconds));
        Assert.Equal("refused 2, read_only 3", d.Outages[1].ErrorsText);
    }

    private static ProbeRun Run(string writer, string reader, string label = "t1") => new()
    {
        Label = label,
        StartedAt = SyntheticRun.Start,
        IntervalMs = 1000,
        Attempts = [.. SyntheticRun.Attempts(ProbeRole.Writer, writer), .. SyntheticRun.Attempts(ProbeRole.Reader, reader)],
    };

    [Fact]
    public void Json_keeps_the_flat_fields_and_adds_outages_and_blips_on_the_run_timeline()
    {
        var trials = FailoverTrials.Analyze([Run("....R....." + Failover + ".....", "..........RRRR.R.RR......")]);
        var writer = trials.ToJson()["trials"]![0]!["writer"]!;
        Assert.Equal(28, writer["downtimeSeconds"]!.GetValue<double>());
        Assert.Equal(9, writer["readOnlySeconds"]!.GetValue<double>());
        Assert.True(writer["recovered"]!.GetValue<bool>());
        var outage = Assert.Single(writer["outages"]!.AsArray())!;
        Assert.Equal((10.0, 38.0, 28.0), (outage["startSeconds"]!.GetValue<double>(), outage["endSeconds"]!.GetValue<double>(), outage["seconds"]!.GetValue<double>()));
        Assert.Equal((3, 16, 9), (outage["errors"]!["timeout"]!.GetValue<int>(), outage["errors"]!["refused"]!.GetValue<int>(), outage["errors"]!["read_only"]!.GetValue<int>()));
        var blip = Assert.Single(writer["blips"]!.AsArray())!;
        Assert.Equal((4.0, 1.0), (blip["startSeconds"]!.GetValue<double>(), blip["seconds"]!.GetValue<double>()));
        Assert.Equal(9, trials.ToJson()["trials"]![0]!["reader"]!["downtimeSeconds"]!.GetValue<double>());
    }

    [Fact]
    public void Not_recovered_shows_in_every_output()
    {
        var trials = FailoverTrials.Analyze([Run("...RRRRRRR", ".........."), Run("..RR......", "..........", "t2")]);
        Assert.Contains("7 not recovered", trials.ToTable().ToPlainText());
        Assert.Contains("≥ 7", trials.ToTable().ToPlainText()); // the max is a lower bound
        Assert.Contains("7 not recovered", trials.ToDetailTable().ToPlainText());
        Assert.Contains("not recovered", trials.ToOutageTable().ToPlainText());
        Assert.False(trials.ToJson()["trials"]![0]!["writer"]!["recovered"]!.GetValue<bool>());
        Assert.False(trials.ToJson()["summary"]!["writer"]!["allRecovered"]!.GetValue<bool>());
        Assert.Contains(Run("...RRRRRRR", "..........").OutcomeChart().EventMarkers, m => m.Label == "writer not recovered at the end of the run");
    }

    [Fact]
    public void Trials_are_columns_named_by_their_labels()
    {
        var text = FailoverTrials.Analyze([Run("..RR....", "........", "before-1"), Run("..RRR....", "........", "before-2")]).ToTable().ToPlainText();
        Assert.Contains("| before-1 | before-2 |", text.Replace("  ", " ").Replace("  ", " "));
    }

    [Fact]
    public void The_dns_column_appears_only_when_some_trial_saw_the_endpoint_move()
    {
        var still = FailoverTrials.Analyze([Run("..RRR....", "........")]).ToDetailTable().ToPlainText();
        Assert.DoesNotContain("writer DNS", still);
        var moved = new ProbeRun
        {
            Label = "dns", StartedAt = SyntheticRun.Start,
            Attempts = SyntheticRun.Attempts(ProbeRole.Writer, "..RRROO....", dns: new Dictionary<int, string> { [0] = "10.0.1.11", [6] = "10.0.1.13" }),
        };
        var text = FailoverTrials.Analyze([moved]).ToDetailTable().ToPlainText();
        Assert.Contains("writer DNS → recovery s", text);
        Assert.Matches(@"\|\s+1 \|$", text.Split('\n').Last(l => l.Contains("| dns")).TrimEnd());
    }

    [Fact]
    public void Comparison_keeps_each_group_with_its_own_statistics_and_trial_names()
    {
        var before = FailoverTrials.Analyze([Run("." + new string('R', 20) + "....", "....", "before-1"), Run("." + new string('R', 10) + "....", "....", "before-2")], configuration: "aurora endpoints");
        var after = FailoverTrials.Analyze([Run(".RRRRR....", "....", "after-1")], configuration: "mydns checker");
        var json = FailoverComparison.Of(before, after).ToJson();
        var groups = json["groups"]!.AsArray();
        Assert.Equal(["aurora endpoints", "mydns checker"], groups.Select(g => g!["name"]!.GetValue<string>()));
        Assert.Equal(15, groups[0]!["summary"]!["writer"]!["mean"]!.GetValue<double>());
        Assert.Equal(5, groups[1]!["summary"]!["writer"]!["mean"]!.GetValue<double>());
        Assert.Equal(["before-1", "before-2", "after-1"], json["trials"]!.AsArray().Select(t => t!["label"]!.GetValue<string>()));
        Assert.Equal("mydns checker", json["trials"]![2]!["group"]!.GetValue<string>());
        Assert.Contains("aurora endpoints (2 trials) vs mydns checker (1 trial)", FailoverComparison.Of(before, after).ToTable().ToPlainText());
    }
}
