using Ops.Display;

namespace Ops.Aurora;

/// <summary>
/// A probe run as a chart: one lane per role (writer above reader), one dot per attempt coloured by
/// outcome, x in seconds since the run started (so recorded runs chart the same everywhere), with
/// every outage's start and recovery marked (blips are not marked).
/// </summary>
public static class OutcomeChart
{
    public const double WriterLane = 2, ReaderLane = 1;

    /// <summary>Fixed colours so every chart reads the same: green ok, red refused, orange timeout, purple read-only.</summary>
    public static string Color(AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Ok => "#2ca02c",
        AttemptOutcome.Refused => "#d62728",
        AttemptOutcome.Timeout => "#ff7f0e",
        AttemptOutcome.ReadOnly => "#9467bd",
        AttemptOutcome.Auth => "#8c564b",
        _ => "#7f7f7f",
    };

    public static Chart Of(ProbeRun run, int stableSuccesses = DowntimeAnalysis.DefaultStableSuccesses)
    {
        var title = string.IsNullOrEmpty(run.Label) ? "Attempt outcomes" : $"Attempt outcomes — {run.Label}";
        var chart = new Chart(title) { XLabel = "seconds since start", YLabel = "1 reader · 2 writer" }.Size(720, 200);
        var points = new[] { ProbeRole.Writer, ProbeRole.Reader }
            .SelectMany(role => run.OutcomePoints(role))
            .ToList();
        foreach (var outcome in Enum.GetValues<AttemptOutcome>())
        {
            var of = points.Where(p => p.Outcome == outcome).ToList();
            if (of.Count == 0) continue;
            chart.Scatter(outcome.Name(), of.Select(p => new ChartPoint(p.Seconds, p.Role == ProbeRole.Writer ? WriterLane : ReaderLane)))
                .Color(Color(outcome));
        }
        var trial = DowntimeAnalysis.Analyze(run, stableSuccesses);
        foreach (var d in new[] { trial.Writer, trial.Reader })
        {
            var role = d.Role.ToString().ToLowerInvariant();
            foreach (var o in d.Outages)
            {
                chart.Marker(trial.SecondsAt(o.Start), $"{role} down");
                chart.Marker(trial.SecondsAt(o.End), o.Recovered ? $"{role} back after {FailoverTrials.Seconds(o.Seconds)} s" : $"{role} not recovered at the end of the run");
            }
        }
        return chart;
    }
}
