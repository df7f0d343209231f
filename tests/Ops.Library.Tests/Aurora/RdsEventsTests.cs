using Ops.Aurora;

namespace Ops.Tests.Aurora;

public class RdsEventsTests
{
    /// <summary>The shape `aws rds describe-events --source-type db-cluster --output json` prints.</summary>
    internal const string Json = """
        {
            "Events": [
                {
                    "SourceIdentifier": "aurora-test",
                    "SourceType": "db-cluster",
                    "Message": "Completed failover to DB instance: aurora-test-instance-03",
                    "EventCategories": ["failover"],
                    "Date": "2026-11-02T01:00:31.480000+00:00",
                    "SourceArn": "arn:aws:rds:ap-northeast-1:123456789012:cluster:aurora-test"
                },
                {
                    "SourceIdentifier": "aurora-test",
                    "SourceType": "db-cluster",
                    "Message": "Started cross AZ failover to DB instance: aurora-test-instance-03",
                    "EventCategories": ["failover"],
                    "Date": "2026-11-02T01:00:09.120000+00:00",
                    "SourceArn": "arn:aws:rds:ap-northeast-1:123456789012:cluster:aurora-test"
                },
                {
                    "SourceIdentifier": "aurora-test",
                    "SourceType": "db-cluster",
                    "Message": "Started cross AZ failover to DB instance: aurora-test-instance-01",
                    "EventCategories": ["failover"],
                    "Date": "2026-11-03T01:00:09.000000+00:00"
                }
            ]
        }
        """;

    [Fact]
    public void Events_are_read_in_time_order()
    {
        var events = RdsEvents.Parse(Json);
        Assert.Equal(3, events.Count);
        Assert.StartsWith("Started cross AZ failover", events[0].Message);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 1, 0, 9, 120, TimeSpan.Zero), events[0].At);
        Assert.True(events[0].IsFailover);
    }

    [Fact]
    public void Events_land_on_the_run_they_fall_in_at_seconds_since_its_start()
    {
        // The run covers 01:00:00..01:00:40; the next day's failover belongs to no run.
        var run = new ProbeRun { Label = "t1", StartedAt = SyntheticRun.Start, Attempts = SyntheticRun.Attempts(ProbeRole.Writer, new string('.', 10) + new string('R', 20) + new string('.', 10)) };
        var trial = Assert.Single(FailoverTrials.Analyze([run]).WithEvents(RdsEvents.Parse(Json)).Trials);
        Assert.Equal([9.12, 31.48], trial.Events.Select(e => trial.SecondsAt(e.At)));
        var text = FailoverTrials.Analyze([run]).WithEvents(RdsEvents.Parse(Json)).ToOutageTable().ToPlainText();
        var lines = text.Split('\n');
        // On the timeline: failover started (9.12 s), writer outage (10 s → 30 s), failover completed (31.48 s).
        Assert.True(Array.FindIndex(lines, l => l.Contains("Started cross AZ")) < Array.FindIndex(lines, l => l.Contains("| writer")));
        Assert.True(Array.FindIndex(lines, l => l.Contains("| writer")) < Array.FindIndex(lines, l => l.Contains("Completed failover")));
        var json = FailoverTrials.Analyze([run]).WithEvents(RdsEvents.Parse(Json)).ToJson();
        Assert.Equal(9.12, json["trials"]![0]!["events"]![0]!["seconds"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("{\"DBClusters\": []}", "no \"Events\" array")]
    [InlineData("{\"Events\": [{\"Message\": \"x\"}]}", "Events[0] has no Date")]
    [InlineData("{\"Events\": [{\"Date\": \"yesterday\"}]}", "Date 'yesterday'")]
    [InlineData("{\"Events\": [", "events.json:1: not JSON")]
    public void Other_json_is_refused_naming_the_file(string json, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => RdsEvents.Parse(json, "events.json"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("events.json", e.Message);
    }
}
