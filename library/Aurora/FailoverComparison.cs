using Ops.Display;

namespace Ops.Aurora;

/// <summary>Two configurations side by side (Aurora endpoints vs the MyDNS weight checker of docs/background.md).</summary>
public sealed class FailoverComparison(FailoverTrials before, FailoverTrials after) : IMimeRenderable
{
    public FailoverTrials Before { get; } = before;
    public FailoverTrials After { get; } = after;

    public static FailoverComparison Of(FailoverTrials before, FailoverTrials after) => new(before, after);

    public Table ToTable()
    {
        var b = string.IsNullOrEmpty(Before.Configuration) ? "before" : Before.Configuration;
        var a = string.IsNullOrEmpty(After.Configuration) ? "after" : After.Configuration;
        var table = new Table(new[] {
            new TableColumn("role"), new TableColumn("statistic"),
            new TableColumn(b + " (s)", Alignment.Right), new TableColumn(a + " (s)", Alignment.Right),
            new TableColumn("change", Alignment.Right) })
        { Title = $"Failover downtime: {b} vs {a}" };
        foreach (var role in new[] { ProbeRole.Writer, ProbeRole.Reader })
        {
            var sb = Before.Summary(role);
            var sa = After.Summary(role);
            foreach (var (name, x, y) in new[] { ("mean", sb.Mean, sa.Mean), ("median", sb.Median, sa.Median), ("max", sb.Max, sa.Max) })
                table.AddRow(role.ToString().ToLowerInvariant(), name, FailoverTrials.Seconds(x), FailoverTrials.Seconds(y), Change(x, y));
        }
        return table;
    }

    private static string Change(double before, double after) =>
        before == 0 ? "-" : ((after - before) / before).ToString("+0%;-0%;0%", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Per-trial downtime of one role under both configurations.</summary>
    public Chart Chart(ProbeRole role) => DowntimeChart.Compare(this, role);

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
    public override string ToString() => ToTable().ToPlainText();
}
