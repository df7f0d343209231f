using System.Text.Json.Nodes;
using Ops.Display;

namespace Ops.Aurora;

/// <summary>Two groups of trials (before and after a change) side by side, each with its own statistics.</summary>
public sealed class FailoverComparison(FailoverTrials before, FailoverTrials after) : IMimeRenderable
{
    public FailoverTrials Before { get; } = before;
    public FailoverTrials After { get; } = after;

    public static FailoverComparison Of(FailoverTrials before, FailoverTrials after) => new(before, after);

    /// <summary>A group's name: its configuration, else "before"/"after".</summary>
    public string BeforeName => string.IsNullOrEmpty(Before.Configuration) ? "before" : Before.Configuration;
    public string AfterName => string.IsNullOrEmpty(After.Configuration) || After.Configuration == Before.Configuration ? "after" : After.Configuration;

    public Table ToTable()
    {
        var (b, a) = (BeforeName, AfterName);
        var table = new Table(new[] {
            new TableColumn("role"), new TableColumn("statistic"),
            new TableColumn(b + " (s)", Alignment.Right), new TableColumn(a + " (s)", Alignment.Right),
            new TableColumn("change", Alignment.Right) })
        { Title = $"Failover downtime: {b} ({Trials(Before)}) vs {a} ({Trials(After)})" };
        foreach (var role in new[] { ProbeRole.Writer, ProbeRole.Reader })
        {
            var sb = Before.Summary(role);
            var sa = After.Summary(role);
            if (sb.Trials == 0 && sa.Trials == 0) continue;
            var lb = Before.AnyNotRecovered(role) ? "≥ " : "";
            var la = After.AnyNotRecovered(role) ? "≥ " : "";
            foreach (var (name, x, y) in new[] { ("mean", sb.Mean, sa.Mean), ("median", sb.Median, sa.Median), ("max", sb.Max, sa.Max) })
                table.AddRow(role.ToString().ToLowerInvariant(), name,
                    sb.Trials == 0 ? "-" : lb + FailoverTrials.Seconds(x), sa.Trials == 0 ? "-" : la + FailoverTrials.Seconds(y),
                    sb.Trials == 0 || sa.Trials == 0 ? "-" : Change(x, y));
        }
        return table;
    }

    private static string Trials(FailoverTrials group) => group.Trials.Count == 1 ? "1 trial" : $"{group.Trials.Count} trials";

    private static string Change(double before, double after) =>
        before == 0 ? "-" : ((after - before) / before).ToString("+0%;-0%;0%", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary><c>{groups:[{name, trials:[labels], summary}], trials:[{group, label, writer, reader, events}]}</c>: each group with its own statistics.</summary>
    public JsonObject ToJson()
    {
        var groups = new JsonArray();
        var trials = new JsonArray();
        foreach (var (name, group) in new[] { (BeforeName, Before), (AfterName, After) })
        {
            foreach (var t in group.Trials)
            {
                var trial = FailoverTrials.TrialJson(t);
                trial["group"] = name;
                trials.Add(trial);
            }
            groups.Add(new JsonObject
            {
                ["name"] = name,
                ["trials"] = new JsonArray(group.Trials.Select(t => (JsonNode)t.Label).ToArray()),
                ["summary"] = group.SummaryJson(),
            });
        }
        return new JsonObject { ["groups"] = groups, ["trials"] = trials };
    }

    /// <summary>Per-trial downtime of one role under both configurations.</summary>
    public Chart Chart(ProbeRole role) => DowntimeChart.Compare(this, role);

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
    public override string ToString() => ToTable().ToPlainText();
}
