using System.Globalization;
using System.Text;
using System.Text.Json;
using Ops.Display;

namespace Ops.Wireless;

/// <summary>
/// Every radio of every controller in one table, sorted by AP name and slot: wlap's
/// <c>wlap show overview</c> without having to know which controller holds an AP.
/// </summary>
public sealed class Overview : IMimeRenderable
{
    public Overview(IEnumerable<OverviewRow> rows, IEnumerable<string>? problems = null)
    {
        Rows = rows.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Slot).ThenBy(r => r.Controller, StringComparer.Ordinal).ToList();
        Problems = problems?.ToList() ?? [];
    }

    public IReadOnlyList<OverviewRow> Rows { get; }
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Controllers that could not be read (unreachable, or past the time budget); their reasons are in <see cref="Problems"/>.</summary>
    public int ControllersNotRead { get; init; }

    public Table ToTable()
    {
        var t = new Table(new TableColumn[]
        {
            new("Hostname"), new("MAC"), new("Band"), new("OperStatus"), new("ChannelNumber", Alignment.Right), new("TxPower", Alignment.Right),
            new("ClientCount", Alignment.Right), new("ChannelUtilization"), new("APGroupName"), new("Controller"),
        });
        foreach (var r in Rows)
            t.AddRow(r.Name, r.Mac, r.Band + " GHz", r.OperStatus, r.ChannelText, r.TxPowerText, r.Clients.ToString(CultureInfo.InvariantCulture) + " clients",
                r.Utilization is int u ? new Bar(u) : "-", r.ApGroup, r.Controller);
        return t;
    }

    /// <summary>Channel utilization per radio, in table order: the data behind the utilization chart.</summary>
    public IReadOnlyList<(string Label, double Utilization)> UtilizationSeries() =>
        Rows.Where(r => r.Utilization.HasValue).Select(r => ($"{r.Name}/{r.Band}", (double)r.Utilization!.Value)).ToList();

    /// <summary>
    /// Channel utilization of every radio as bars, one series per controller, in table order (x is the
    /// row number): the "data spread over two WLCs" picture, gathered into one view. The
    /// busiest radio is annotated.
    /// </summary>
    public Chart ToChart()
    {
        var chart = new Chart("Channel utilization by radio") { XLabel = "radio (table order: AP name, slot)", YLabel = "channel utilization %" }.FromZero();
        var numbered = Rows.Select((r, i) => (Row: r, X: i + 1)).Where(p => p.Row.Utilization.HasValue).ToList();
        foreach (var group in numbered.GroupBy(p => p.Row.Controller).OrderBy(g => g.Key, StringComparer.Ordinal))
            chart.Bar(group.Key, group.Select(p => ((double)p.X, (double)p.Row.Utilization!.Value)));
        if (numbered.Count > 0)
        {
            var top = numbered.OrderByDescending(p => p.Row.Utilization).ThenBy(p => p.X).First();
            chart.Annotate(top.X, top.Row.Utilization!.Value, $"{top.Row.Name} ({top.Row.Band} GHz) {top.Row.Utilization} %");
        }
        return chart;
    }

    /// <summary>The JSON contract: an array of {name, mac, controller, slot, band, operStatus, channel, txPower, clients, utilization, apGroup}.</summary>
    public string ToJson() => JsonSerializer.Serialize(Rows, WlcJson.Options);

    public MimeBundle ToMimeBundle()
    {
        var t = ToTable();
        var text = new StringBuilder(t.ToPlainText());
        foreach (var p in Problems) text.Append("\n! ").Append(p);
        var html = new StringBuilder(t.ToHtml());
        if (Problems.Count > 0) html.Append("<ul>").AppendJoin("", Problems.Select(p => "<li>" + Html.Escape(p) + "</li>")).Append("</ul>");
        return new MimeBundle(text.ToString()).With(MimeTypes.Html, html.ToString()).With(MimeTypes.Json, ToJson());
    }

    public override string ToString() => ToMimeBundle().PlainText;
}
