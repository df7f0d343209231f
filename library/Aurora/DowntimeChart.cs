using Ops.Display;

namespace Ops.Aurora;

/// <summary>Downtime bars per trial: writer connection errors, writer read-only tail and reader, side by side.</summary>
public static class DowntimeChart
{
    public static Chart Of(FailoverTrials trials)
    {
        var bars = trials.Bars();
        var title = string.IsNullOrEmpty(trials.Configuration) ? "Downtime per trial" : $"Downtime per trial — {trials.Configuration}";
        return new Chart(title) { XLabel = "trial", YLabel = "seconds" }
            .FromZero()
            .Bar("writer: connection errors", bars.Select((b, i) => new ChartPoint(i + 1, b.WriterConnectionErrorSeconds))).Color("#d62728")
            .Bar("writer: read-only tail", bars.Select((b, i) => new ChartPoint(i + 1, b.WriterReadOnlySeconds))).Color("#9467bd")
            .Bar("reader", bars.Select((b, i) => new ChartPoint(i + 1, b.ReaderSeconds))).Color("#1f77b4");
    }

    /// <summary>One role's downtime per trial under two configurations.</summary>
    public static Chart Compare(FailoverComparison comparison, ProbeRole role)
    {
        var name = role.ToString().ToLowerInvariant();
        var before = comparison.BeforeName;
        var after = comparison.AfterName;
        return new Chart($"{name} downtime: {before} vs {after}") { XLabel = "trial", YLabel = "seconds" }
            .FromZero()
            .Bar(before, comparison.Before.Trials.Select((t, i) => new ChartPoint(i + 1, t[role].DowntimeSeconds))).Color("#7f7f7f")
            .Bar(after, comparison.After.Trials.Select((t, i) => new ChartPoint(i + 1, t[role].DowntimeSeconds))).Color("#2ca02c");
    }
}
