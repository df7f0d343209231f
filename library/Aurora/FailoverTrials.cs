using System.Globalization;
using System.Text.Json.Nodes;
using Ops.Display;

namespace Ops.Aurora;

/// <summary>
/// Several failover trials of one configuration: one row per role, one column per trial (named by its
/// label, the run file's name), with mean, median and max of the headline downtimes.
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

    /// <summary>Analyzes runs in order; each is one trial.</summary>
    public static FailoverTrials Analyze(IEnumerable<ProbeRun> runs, int stableSuccesses = DowntimeAnalysis.DefaultStableSuccesses, string configuration = "",
        double? minOutageSeconds = null) =>
        new(runs.Select(r => DowntimeAnalysis.Analyze(r, stableSuccesses, minOutageSeconds)), configuration);

    /// <summary>Reads run files (<c>ops aurora probe --out</c> JSON) or writer probe-loop logs in order; each trial is named by its file.</summary>
    public static FailoverTrials Load(IEnumerable<string> paths, int stableSuccesses = DowntimeAnalysis.DefaultStableSuccesses, string configuration = "",
        double? minOutageSeconds = null) =>
        Analyze(paths.Select(p => ProbeRun.LoadAny(p)), stableSuccesses, configuration, minOutageSeconds);

    /// <summary>The same trials with each RDS event placed on the trial whose run it falls in.</summary>
    public FailoverTrials WithEvents(IEnumerable<RdsEvent> events)
    {
        var list = events.ToList();
        return new FailoverTrials(Trials.Select(t => t with { Events = list.Where(e => e.At >= t.StartedAt && e.At <= t.EndedAt).OrderBy(e => e.At).ToList() }), Configuration);
    }

    /// <summary>Trials where the role was probed (a shell log probes one role only).</summary>
    private IEnumerable<TrialAnalysis> Probed(ProbeRole role) => Trials.Where(t => t[role].Attempts > 0);

    public DowntimeSummary Summary(ProbeRole role) => DowntimeSummary.Of(Probed(role).Select(t => t[role].DowntimeSeconds));
    public DowntimeSummary ReadOnlySummary => DowntimeSummary.Of(Probed(ProbeRole.Writer).Select(t => t.Writer.ReadOnlySeconds));

    /// <summary>True when some trial ended with the role still down: its downtime is then only a lower bound.</summary>
    public bool AnyNotRecovered(ProbeRole role) => Probed(role).Any(t => !t[role].Recovered);

    /// <summary>Role × trial, headline downtime in seconds, then mean, median and max; "not recovered" where the run ended down.</summary>
    public Table ToTable()
    {
        var columns = new List<TableColumn> { new("role") };
        columns.AddRange(Trials.Select(t => new TableColumn(t.Label, Alignment.Right)));
        columns.Add(new TableColumn("mean", Alignment.Right));
        columns.Add(new TableColumn("median", Alignment.Right));
        columns.Add(new TableColumn("max", Alignment.Right));
        var table = new Table(columns) { Title = $"Downtime per failover (s){(Configuration.Length > 0 ? " — " + Configuration : "")}" };
        foreach (var (name, role, pick) in new (string, ProbeRole, Func<RoleDowntime, double>)[]
                 {
                     ("writer", ProbeRole.Writer, d => d.DowntimeSeconds),
                     ("writer read-only tail", ProbeRole.Writer, d => d.ReadOnlySeconds),
                     ("reader", ProbeRole.Reader, d => d.DowntimeSeconds),
                 })
        {
            if (!Probed(role).Any()) continue;
            var summary = DowntimeSummary.Of(Probed(role).Select(t => pick(t[role])));
            var lowerBound = AnyNotRecovered(role) ? "≥ " : "";
            var row = new List<object?> { name };
            row.AddRange(Trials.Select(t => (object?)Cell(t[role], pick(t[role]))));
            row.Add(lowerBound + Seconds(summary.Mean));
            row.Add(lowerBound + Seconds(summary.Median));
            row.Add(lowerBound + Seconds(summary.Max));
            table.AddRow(row.ToArray());
        }
        return table;
    }

    private static string Cell(RoleDowntime d, double value) =>
        d.Attempts == 0 ? "-" : d.Recovered ? Seconds(value) : Seconds(value) + " not recovered";

    /// <summary>
    /// One row per trial with the headline outage's anatomy: connection errors, read-only tail, flaps, the other
    /// outages and blips, and (when the endpoint's addresses changed in some trial) recovery minus the last DNS change.
    /// </summary>
    public Table ToDetailTable()
    {
        var dns = Trials.Any(t => t.Writer.RecoveryAfterDnsChangeSeconds is not null);
        var columns = new List<TableColumn> {
            new("trial"), new("writer s", Alignment.Right), new("conn. errors s", Alignment.Right),
            new("read-only s", Alignment.Right), new("writer before → after"),
            new("reader s", Alignment.Right), new("reader flaps", Alignment.Right),
            new("other outages", Alignment.Right), new("blips", Alignment.Right) };
        if (dns) columns.Add(new TableColumn("writer DNS → recovery s", Alignment.Right));
        var table = new Table(columns) { Title = "Failover anatomy per trial (the longest outage of each role)" };
        foreach (var t in Trials)
        {
            var row = new List<object?>
            {
                t.Label, Cell(t.Writer, t.Writer.DowntimeSeconds), Seconds(t.Writer.ConnectionErrorSeconds), Seconds(t.Writer.ReadOnlySeconds),
                $"{t.Writer.InstanceBefore ?? "?"} → {t.Writer.InstanceAfter ?? "?"}",
                Cell(t.Reader, t.Reader.DowntimeSeconds), t.Reader.Flaps.Sum(f => f.Successes),
                t.Writer.Outages.Count + t.Reader.Outages.Count - (t.Writer.Headline is null ? 0 : 1) - (t.Reader.Headline is null ? 0 : 1),
                t.Writer.Blips.Count + t.Reader.Blips.Count,
            };
            if (dns) row.Add(t.Writer.RecoveryAfterDnsChangeSeconds is { } d ? Seconds(d) : "-");
            table.AddRow(row.ToArray());
        }
        return table;
    }

    /// <summary>Every outage and blip of every trial on its run's timeline (seconds since the run started), with the RDS events.</summary>
    public Table ToOutageTable()
    {
        var table = new Table(new[] {
            new TableColumn("trial"), new TableColumn("role"), new TableColumn("start s", Alignment.Right), new TableColumn("end s", Alignment.Right),
            new TableColumn("seconds", Alignment.Right), new TableColumn("read-only s", Alignment.Right), new TableColumn("errors"), new TableColumn("note") })
        { Title = "Outages, blips and RDS events per trial (seconds since the run started)" };
        foreach (var t in Trials)
        {
            var rows = new List<(double At, object?[] Cells)>();
            foreach (var role in new[] { ProbeRole.Writer, ProbeRole.Reader })
            {
                var d = t[role];
                var name = role.ToString().ToLowerInvariant();
                foreach (var o in d.Outages.Select(o => (o, false)).Concat(d.Blips.Select(b => (b, true))))
                    rows.Add((t.SecondsAt(o.Item1.Start), [t.Label, name, Seconds(t.SecondsAt(o.Item1.Start)), Seconds(t.SecondsAt(o.Item1.End)),
                        Seconds(o.Item1.Seconds), Seconds(o.Item1.ReadOnlySeconds), o.Item1.ErrorsText, Note(d, o.Item1, o.Item2)]));
            }
            foreach (var e in t.Events)
                rows.Add((t.SecondsAt(e.At), [t.Label, "rds event", Seconds(t.SecondsAt(e.At)), "", "", "", "", e.Message]));
            foreach (var r in rows.OrderBy(r => r.At)) table.AddRow(r.Cells);
        }
        return table;
    }

    private static string Note(RoleDowntime d, Outage o, bool blip) =>
        blip ? "blip" : string.Join(", ", new[] { ReferenceEquals(o, d.Headline) ? "headline" : "", o.Recovered ? "" : "not recovered", o.Recovered && !o.RecoveryConfirmed ? "recovery unconfirmed" : "" }.Where(s => s.Length > 0));

    /// <summary>Chart data: one bar group per trial.</summary>
    public IReadOnlyList<DowntimeBar> Bars() =>
        Trials.Select(t => new DowntimeBar(t.Label, t.Writer.ConnectionErrorSeconds, t.Writer.ReadOnlySeconds, t.Reader.DowntimeSeconds)).ToList();

    /// <summary>Downtime bars per trial (see <see cref="Aurora.DowntimeChart"/>).</summary>
    public Chart DowntimeChart() => Aurora.DowntimeChart.Of(this);

    /// <summary>
    /// The <c>ops aurora analyze --json</c> contract: <c>{trials:[{label, writer:{downtimeSeconds, readOnlySeconds, recovered,
    /// outages:[{startSeconds,endSeconds,seconds,errors}], blips:[...]}, reader:{...}, events:[...]}], summary:{writer,reader}}</c>.
    /// </summary>
    public JsonObject ToJson()
    {
        var trials = new JsonArray();
        foreach (var t in Trials) trials.Add(TrialJson(t));
        return new JsonObject { ["trials"] = trials, ["summary"] = SummaryJson() };
    }

    internal JsonObject SummaryJson()
    {
        JsonObject Of(ProbeRole role)
        {
            var s = Summary(role);
            return new JsonObject { ["trials"] = s.Trials, ["mean"] = s.Mean, ["median"] = s.Median, ["max"] = s.Max, ["allRecovered"] = !AnyNotRecovered(role) };
        }
        return new JsonObject { ["writer"] = Of(ProbeRole.Writer), ["reader"] = Of(ProbeRole.Reader) };
    }

    internal static JsonObject TrialJson(TrialAnalysis t)
    {
        JsonArray Segments(IEnumerable<Outage> outages) => new(outages.Select(o => (JsonNode)new JsonObject
        {
            ["startSeconds"] = t.SecondsAt(o.Start),
            ["endSeconds"] = t.SecondsAt(o.End),
            ["seconds"] = o.Seconds,
            ["errors"] = new JsonObject(o.Errors.Select(e => KeyValuePair.Create(e.Key.Name(), (JsonNode?)e.Value))),
            ["readOnlySeconds"] = o.ReadOnlySeconds,
            ["recovered"] = o.Recovered,
        }).ToArray());
        JsonObject Role(RoleDowntime d, bool writer)
        {
            var o = new JsonObject { ["attempts"] = d.Attempts, ["downtimeSeconds"] = d.DowntimeSeconds };
            if (writer) o["readOnlySeconds"] = d.ReadOnlySeconds;
            o["recovered"] = d.Recovered;
            o["outages"] = Segments(d.Outages);
            o["blips"] = Segments(d.Blips);
            return o;
        }
        var json = new JsonObject
        {
            ["label"] = t.Label,
            ["startedAt"] = t.StartedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            ["writer"] = Role(t.Writer, true),
            ["reader"] = Role(t.Reader, false),
        };
        if (t.Configuration.Length > 0) json["configuration"] = t.Configuration;
        json["events"] = new JsonArray(t.Events.Select(e => (JsonNode)new JsonObject
        {
            ["time"] = e.At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["seconds"] = t.SecondsAt(e.At),
            ["sourceIdentifier"] = e.SourceIdentifier,
            ["message"] = e.Message,
        }).ToArray());
        return json;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();

    public override string ToString() => ToTable().ToPlainText();

    internal static string Seconds(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
