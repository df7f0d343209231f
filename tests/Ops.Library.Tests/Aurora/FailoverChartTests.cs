using Ops.Aurora;
using Ops.Display;

namespace Ops.Tests.Aurora;

public class FailoverChartTests
{
    private static ProbeRun Run() => new()
    {
        Label = "t1",
        StartedAt = SyntheticRun.Start,
        IntervalMs = 1000,
        Attempts = [.. SyntheticRun.Attempts(ProbeRole.Writer, "..TTRROO....."), .. SyntheticRun.Attempts(ProbeRole.Reader, "..R.R........")],
    };

    [Fact]
    public void Outcome_chart_has_one_coloured_series_per_outcome_in_role_lanes()
    {
        var chart = Run().OutcomeChart();
        Assert.Equal(["ok", "refused", "timeout", "read_only"], chart.Series.Select(s => s.Name));
        Assert.All(chart.Series, s => Assert.Equal(ChartKind.Scatter, s.Kind));
        Assert.Equal("#9467bd", chart.Series.Single(s => s.Name == "read_only").Color);
        var readOnly = chart.Series.Single(s => s.Name == "read_only").Points;
        Assert.Equal([(6.0, OutcomeChart.WriterLane), (7.0, OutcomeChart.WriterLane)], readOnly.Select(p => (p.X.Value, p.Y)));
        Assert.Equal(4, chart.Series.Single(s => s.Name == "refused").Points.Count); // 2 writer + 2 reader
        Assert.Equal(2, chart.Series.Single(s => s.Name == "timeout").Points.Count);
        Assert.Contains(chart.EventMarkers, m => m.Label == "writer down" && m.At.Value == 2);
        Assert.Contains(chart.EventMarkers, m => m.Label == "writer back after 6 s" && m.At.Value == 8);
        Assert.Contains(chart.EventMarkers, m => m.Label == "reader back after 3 s" && m.At.Value == 5);
        Assert.Contains("<svg", chart.ToSvg());
    }

    [Fact]
    public void Downtime_chart_splits_the_writer_into_connection_errors_and_read_only_tail()
    {
        var trials = FailoverTrials.Analyze([Run(), Run()]);
        var chart = trials.DowntimeChart();
        Assert.Equal(["writer: connection errors", "writer: read-only tail", "reader"], chart.Series.Select(s => s.Name));
        Assert.Equal([4.0, 4.0], chart.Series[0].Points.Select(p => p.Y));
        Assert.Equal([2.0, 2.0], chart.Series[1].Points.Select(p => p.Y));
        Assert.Equal([3.0, 3.0], chart.Series[2].Points.Select(p => p.Y));
        Assert.Equal([1.0, 2.0], chart.Series[2].Points.Select(p => p.X.Value));
    }

    [Fact]
    public void Comparison_chart_has_one_bar_series_per_configuration()
    {
        var a = FailoverTrials.Analyze([Run()], configuration: "aurora endpoints");
        var b = FailoverTrials.Analyze([Run()], configuration: "mydns");
        var chart = FailoverComparison.Of(a, b).Chart(ProbeRole.Writer);
        Assert.Equal(["aurora endpoints", "mydns"], chart.Series.Select(s => s.Name));
        Assert.Equal(6.0, chart.Series[0].Points.Single().Y);
    }
}
