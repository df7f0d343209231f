using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ops.Display;

namespace Ops.Aurora;

/// <summary>
/// Several failover trials of one configuration, shown like the published table (one row per role, one
/// column per trial) with mean, median and max.
/// </summary>
public sealed class FailoverTrials : IMimeRenderable
{
    public FailoverTrials(IEnumerable<TrialAnalysis> trials, string configuration = "")
    {
        Trials = trials.ToList();
        Configuration = configuration.Length > 0 ? configuration : Trials.Select(t => t.Configuration).FirstOrDefault(c => c.Length > 0) ?? "";
    }

    public IReadOnlyList<TrialAnalysis> Trials { get; }
    public string Configuration { get; }

    /// <summary>Analyzes run files (or runs) in order; each is one trial.</summary>
    public static FailoverTrials Analyze(IEnumerable<ProbeRun> runs, int stableSuccesses = DowntimeAnalysis.DefaultStableSuccesses, string configuration = "") =>
        new(runs.Select(r => DowntimeAnalysis.Analyze(r, stableSuccesses)), configuration);

    public static FailoverTrials Load(IEnumerable<string> paths, int stableSuccesses = DowntimeAnalysis.DefaultStableSuccesses, string configuration = "") =>
        Analyze(paths.Select(ProbeRun.Load), stableSuccesses, configuration);

    public DowntimeSummary Summary(ProbeRole role) => DowntimeSummary.Of(Trials.Select(t => t[role].DowntimeSeconds));
    public DowntimeSummary ReadOnlySummary => DowntimeSummary.Of(Trials.Select(t => t.Writer.ReadOnlySeconds));

    /// <summary>The published layout: role × trial, downtime in seconds, then mean, median and max.</summary>
    public Table ToTable()
    {
        var columns = new List<TableColumn> { new("role") };
        columns.AddRange(Trials.Select((_, i) => new TableColumn((i + 1).ToString(CultureInfo.InvariantCulture), Alignment.Right)));
        columns.Add(new TableColumn("mean", Alignment.Right));
        columns.Add(new TableColumn("median", Alignment.Right));
        columns.Add(new TableColumn("max", Alignment.Right));
        var table = new Table(columns) { Title = $"Downtime per failover (s){(Configuration.Length > 0 ? " — " + Configuration : "")}" };
        foreach (var (name, pick) in new (string, Func<TrialAnalysis, double>)[]
                 {
                     ("writer", t => t.Writer.DowntimeSeconds),
                     ("writer read-only tail", t => t.Writer.ReadOnlySeconds),
                     ("reader", t => t.Reader.DowntimeSeconds),
                 })
        {
            var values = Trials.Select(pick).ToList();
            var summary = DowntimeSummary.Of(values);
            var row = new List<object?> { name };
            row.AddRange(values.Select(v => (object?)Seconds(v)));
            row.Add(Seconds(summary.Mean));
            row.Add(Seconds(summary.Median));
            row.Add(Seconds(summary.Max));
            table.AddRow(row.ToArray());
        }
        return table;
    }

    /// <summary>One row per trial with the outage's anatomy: connection errors, read-only tail, flaps, DNS.</summary>
    public Table ToDetailTable()
    {
        var table = new Table(new[] {
            new TableColumn("trial"), new TableColumn("writer s", Alignment.Right), new TableColumn("conn. errors s", Alignment.Right),
            new TableColumn("read-only s", Alignment.Right), new TableColumn("writer before → after"),
            new TableColumn("reader s", Alignment.Right), new TableColumn("reader flaps", Alignment.Right),
            new TableColumn("writer DNS → recovery s", Alignment.Right) })
        { Title = "Failover anatomy per trial" };
        foreach (var t in Trials)
            table.AddRow(t.Label, Seconds(t.Writer.DowntimeSeconds), Seconds(t.Writer.ConnectionErrorSeconds), Seconds(t.Writer.ReadOnlySeconds),
                $"{t.Writer.InstanceBefore ?? "?"} → {t.Writer.InstanceAfter ?? "?"}",
                Seconds(t.Reader.DowntimeSeconds), t.Reader.Flaps.Sum(f => f.Successes),
                t.Writer.RecoveryAfterDnsChangeSeconds is { } d ? Seconds(d) : "-");
        return table;
    }

    /// <summary>Chart data: one bar group per trial.</summary>
    public IReadOnlyList<DowntimeBar> Bars() =>
        Trials.Select(t => new DowntimeBar(t.Label, t.Writer.ConnectionErrorSeconds, t.Writer.ReadOnlySeconds, t.Reader.DowntimeSeconds)).ToList();

    /// <summary>Downtime bars per trial (see <see cref="Aurora.DowntimeChart"/>).</summary>
    public Chart DowntimeChart() => Aurora.DowntimeChart.Of(this);

    /// <summary>The <c>ops aurora analyze --json</c> contract: <c>{trials:[{writer:{downtimeSeconds,readOnlySeconds},reader:{downtimeSeconds}}]}</c>.</summary>
    public JsonObject ToJson()
    {
        var trials = new JsonArray();
        foreach (var t in Trials)
            trials.Add(new JsonObject
            {
                ["label"] = t.Label,
                ["writer"] = new JsonObject
                {
                    ["downtimeSeconds"] = t.Writer.DowntimeSeconds,
                    ["readOnlySeconds"] = t.Writer.ReadOnlySeconds,
                    ["recovered"] = t.Writer.Recovered,
                },
                ["reader"] = new JsonObject
                {
                    ["downtimeSeconds"] = t.Reader.DowntimeSeconds,
                    ["recovered"] = t.Reader.Recovered,
                },
            });
        var w = Summary(ProbeRole.Writer);
        var r = Summary(ProbeRole.Reader);
        return new JsonObject
        {
            ["trials"] = trials,
            ["summary"] = new JsonObject
            {
                ["writer"] = new JsonObject { ["mean"] = w.Mean, ["median"] = w.Median, ["max"] = w.Max },
                ["reader"] = new JsonObject { ["mean"] = r.Mean, ["median"] = r.Median, ["max"] = r.Max },
            },
        };
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();

    public override string ToString() => ToTable().ToPlainText();

    internal static string Seconds(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
