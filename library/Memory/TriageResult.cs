using System.Globalization;
using System.Text;
using System.Text.Json;
using Ops.Display;

namespace Ops.Memory;

/// <summary>The verdict of a memory triage with the evidence behind it; renders as text and tables.</summary>
public sealed class TriageResult : IMimeRenderable
{
    internal TriageResult(
        TriageVerdict verdict, string nextStep, IReadOnlyList<string> evidence, IReadOnlyList<string> warnings, IReadOnlyList<HostAssessment> hosts, IReadOnlyList<SuddenDrop> drops,
        IReadOnlyList<KillReport> kills, IReadOnlyList<RequestMinute> requests, double? requestCorrelation,
        IReadOnlyList<HostSeries> series, TriageOptions options)
    {
        Verdict = verdict;
        NextStep = nextStep;
        Evidence = evidence;
        Warnings = warnings;
        Hosts = hosts;
        SuddenDrops = drops;
        Kills = kills;
        Requests = requests;
        RequestCorrelation = requestCorrelation;
        Series = series;
        Options = options;
    }

    public TriageVerdict Verdict { get; }
    public string VerdictName => Verdict.Name();
    /// <summary>The next step, worded for these hosts (one server, some of them or every one; traffic compared or not).</summary>
    public string NextStep { get; }
    public IReadOnlyList<string> Evidence { get; }

    /// <summary>Inputs that gave nothing usable or look wrong (also in the evidence as "Input: ...").</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Hosts ranked by anomaly score, highest first.</summary>
    public IReadOnlyList<HostAssessment> Hosts { get; }
    public IReadOnlyList<SuddenDrop> SuddenDrops { get; }
    public IReadOnlyList<KillReport> Kills { get; }
    public IReadOnlyList<RequestMinute> Requests { get; }

    /// <summary>Pearson r of used memory against requests per minute; null without a request log.</summary>
    public double? RequestCorrelation { get; }

    /// <summary>The samples triage looked at (already cut to the window).</summary>
    public IReadOnlyList<HostSeries> Series { get; }
    public TriageOptions Options { get; }

    public Table HostsTable()
    {
        var t = new Table(new TableColumn[] { new("host"), new TableColumn("anomaly", Alignment.Right), new TableColumn("growth MB/h", Alignment.Right),
            new TableColumn("drops", Alignment.Right), new TableColumn("dropped MB", Alignment.Right), new TableColumn("kills", Alignment.Right),
            new TableColumn("min avail MB", Alignment.Right), new TableColumn("samples", Alignment.Right) })
        { Title = "Hosts ranked by anomaly score" };
        foreach (var h in Hosts)
            t.AddRow(h.Host, h.AnomalyScore, h.GrowthMbPerHour, h.Drops, h.DroppedMb, h.Kills, h.MinAvailableMb, h.Samples);
        return t;
    }

    public Table DropsTable(int maxRows = 50)
    {
        var t = new Table(new TableColumn[] { new("host"), new TableColumn("from"), new TableColumn("to"),
            new TableColumn("free before MB", Alignment.Right), new TableColumn("free after MB", Alignment.Right), new TableColumn("drop MB", Alignment.Right) })
        { Title = $"Sudden drops (free memory falling > {Options.DropThresholdMb.ToString("0", CultureInfo.InvariantCulture)} MB within {Options.DropWindow.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s)", MaxRows = maxRows };
        foreach (var d in SuddenDrops)
            t.AddRow(d.Host, Stamp(d.Time), Stamp(d.End), Math.Round(d.FromMb, 1), Math.Round(d.ToMb, 1), Math.Round(d.DropMb, 1));
        return t;
    }

    public Table KillsTable(int maxRows = 50)
    {
        var t = new Table(new TableColumn[] { new("host"), new TableColumn("at"), new TableColumn("realfree %", Alignment.Right), new TableColumn("pid", Alignment.Right),
            new TableColumn("rss MB", Alignment.Right), new TableColumn("priv MB", Alignment.Right), new TableColumn("shar %", Alignment.Right), new TableColumn("cmd"), new TableColumn("source") })
        { Title = "Kills (watchdog mails, kernel OOM killer, systemd-oomd)", MaxRows = maxRows };
        foreach (var k in Kills)
            foreach (var p in k.Killed.DefaultIfEmpty())
                t.AddRow(k.Host, Stamp(k.At), k.System?.RealFreePercent, p is { Pid: > 0 } ? p.Pid : null, Known(p?.RssMb), Known(p?.PrivMb), Known(p?.SharPercent), p?.Command, k.Detector);
        return t;
    }

    public MemoryChartData ChartData() => MemoryChartData.From(this);

    /// <summary>Free and available memory per host over time, drops and kills marked, requests on the right axis.</summary>
    public ChartGrid MemoryChart(int maxHosts = 12) => ChartData().PerHost(maxHosts);

    /// <summary>Hosts ranked by anomaly score.</summary>
    public Chart AnomalyChart() => ChartData().Ranking(Options.OutlierScore);

    private static double? Known(double? value) => value is double v && !double.IsNaN(v) ? v : null;

    /// <summary>
    /// The CLI's JSON contract: verdict, evidence (the last item is the next step), suddenDrops [{host,time,dropMb}],
    /// hosts [{host,anomalyScore}] ranked by anomaly, kills [{host,time,pid,process,rssMb,source}], warnings [text].
    /// </summary>
    public string ToJson(bool indented = true)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteString("verdict", VerdictName);
            w.WriteStartArray("evidence");
            foreach (var e in Evidence) w.WriteStringValue(e);
            w.WriteStringValue("Next step: " + NextStep); // the contract has no other field for it
            w.WriteEndArray();
            w.WriteStartArray("suddenDrops");
            foreach (var d in SuddenDrops)
            {
                w.WriteStartObject();
                w.WriteString("host", d.Host);
                w.WriteString("time", d.Time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
                w.WriteNumber("dropMb", Math.Round(d.DropMb, 1));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("hosts");
            foreach (var h in Hosts)
            {
                w.WriteStartObject();
                w.WriteString("host", h.Host);
                w.WriteNumber("anomalyScore", h.AnomalyScore);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("kills");
            foreach (var k in Kills)
                foreach (var p in k.Killed.DefaultIfEmpty())
                {
                    w.WriteStartObject();
                    w.WriteString("host", k.Host);
                    w.WriteString("time", k.At.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
                    if (p is { Pid: > 0 }) w.WriteNumber("pid", p.Pid); else w.WriteNull("pid");
                    if (p is null) w.WriteNull("process"); else w.WriteString("process", p.Command);
                    if (Known(p?.RssMb) is double rss) w.WriteNumber("rssMb", Math.Round(rss, 1)); else w.WriteNull("rssMb");
                    w.WriteString("source", k.Detector);
                    w.WriteEndObject();
                }
            w.WriteEndArray();
            w.WriteStartArray("warnings");
            foreach (var warning in Warnings) w.WriteStringValue(warning);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("verdict: ").Append(VerdictName).Append('\n');
        sb.Append("next step: ").Append(NextStep).Append('\n');
        foreach (var e in Evidence) sb.Append("- ").Append(e).Append('\n');
        return sb.ToString().TrimEnd('\n');
    }

    public MimeBundle ToMimeBundle()
    {
        var hosts = HostsTable();
        var drops = DropsTable(20);
        var text = ToString() + "\n\n" + hosts.ToPlainText() + (SuddenDrops.Count > 0 ? "\n\n" + drops.ToPlainText() : "");
        var html = new StringBuilder("<div class=\"ops-memory-triage\"><p><b>verdict: ");
        html.Append(Html.Escape(VerdictName)).Append("</b></p><p>").Append(Html.Escape(NextStep)).Append("</p><ul>");
        foreach (var e in Evidence) html.Append("<li>").Append(Html.Escape(e)).Append("</li>");
        html.Append("</ul>").Append(hosts.ToHtml());
        if (SuddenDrops.Count > 0) html.Append(drops.ToHtml());
        html.Append("</div>");
        return new MimeBundle(text).With(MimeTypes.Html, html.ToString()).With(MimeTypes.Json, ToJson(false));
    }

    private static string Stamp(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
