using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ops.Display;

namespace Ops.Wireless;

public enum RadarAction { Pin, Release }

/// <summary>One step of radar recovery: pin a radio to W52 (ToChannel) or release it to automatic (ToChannel null).</summary>
public sealed record RadarPlanItem(
    [property: JsonPropertyName("ap")] string Ap,
    [property: JsonPropertyName("slot")] int Slot,
    [property: JsonPropertyName("fromChannel")] int FromChannel,
    [property: JsonPropertyName("toChannel")] int? ToChannel,
    [property: JsonPropertyName("reason")] string Reason)
{
    [JsonIgnore] public RadarAction Action => ToChannel is null ? RadarAction.Release : RadarAction.Pin;
    [JsonIgnore] public Radio Radio { get; init; } = null!;
    /// <summary>RSSI-weighted co-channel overlap per W52 channel (mW), the basis of the choice.</summary>
    [JsonIgnore] public IReadOnlyDictionary<int, double> Overlap { get; init; } = new Dictionary<int, double>();
    /// <summary>For a pin: the W53/W56 channels with radar that made the radio pin; it is released once none is listed.</summary>
    [JsonPropertyName("triggers")] public IReadOnlyList<int> Triggers { get; init; } = [];
}

/// <summary>The radar recovery plan: <c>{plans: [{ap, slot, fromChannel, toChannel, reason}]}</c>.</summary>
public sealed class RadarPlan(IEnumerable<RadarPlanItem> plans, IEnumerable<string>? notes = null) : IMimeRenderable
{
    [JsonPropertyName("plans")] public IReadOnlyList<RadarPlanItem> Plans { get; } = plans.ToList();
    [JsonIgnore] public IReadOnlyList<string> Notes { get; } = notes?.ToList() ?? [];

    public string ToJson() => JsonSerializer.Serialize(this, WlcJson.Options);

    public Table ToTable()
    {
        var t = new Table(new TableColumn[] { new("AP"), new("Slot", Alignment.Right), new("Controller"), new("From", Alignment.Right), new("To", Alignment.Right), new("Reason") })
        { Title = Plans.Count == 0 ? "radar recovery: nothing to do" : $"radar recovery: {Plans.Count} change(s)" };
        foreach (var p in Plans)
            t.AddRow(p.Ap, p.Slot, p.Radio?.Controller ?? "", p.FromChannel, p.ToChannel?.ToString(CultureInfo.InvariantCulture) ?? "auto", p.Reason);
        return t;
    }

    public MimeBundle ToMimeBundle()
    {
        var t = ToTable();
        var notes = Notes.Count == 0 ? "" : "\n" + string.Join("\n", Notes.Select(n => "- " + n));
        var html = Notes.Count == 0 ? "" : "<ul>" + string.Concat(Notes.Select(n => "<li>" + Html.Escape(n) + "</li>")) + "</ul>";
        return new MimeBundle(t.ToPlainText() + notes).With(MimeTypes.Html, t.ToHtml() + html).With(MimeTypes.Json, ToJson());
    }

    public override string ToString() => ToMimeBundle().PlainText;
}
