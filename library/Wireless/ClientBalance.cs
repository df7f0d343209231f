using System.Text.Json;
using System.Text.Json.Serialization;
using Ops.Display;
using Ops.Snmp;

namespace Ops.Wireless;

/// <summary>Clients of one ESSID to deauthenticate from a crowded radio so they re-associate elsewhere.</summary>
public sealed record BalancePlanItem(
    [property: JsonPropertyName("ap")] string Ap,
    [property: JsonPropertyName("slot")] int Slot,
    [property: JsonPropertyName("controller")] string Controller,
    [property: JsonPropertyName("clients")] int Clients,
    [property: JsonPropertyName("threshold")] int Threshold,
    [property: JsonPropertyName("essid")] string Essid,
    [property: JsonPropertyName("deauthenticate")] IReadOnlyList<string> Deauthenticate);

public sealed class BalancePlan(IEnumerable<BalancePlanItem> plans, IEnumerable<string>? warnings = null) : IMimeRenderable
{
    [JsonPropertyName("plans")] public IReadOnlyList<BalancePlanItem> Plans { get; } = plans.ToList();
    /// <summary>What the operator should know before applying, e.g. an ESSID no client uses.</summary>
    [JsonIgnore] public IReadOnlyList<string> Warnings { get; } = warnings?.ToList() ?? [];

    public string ToJson() => JsonSerializer.Serialize(this, WlcJson.Options);

    public Table ToTable()
    {
        var t = new Table(new TableColumn[] { new("AP"), new("Slot", Alignment.Right), new("Controller"), new("Clients", Alignment.Right), new("Threshold", Alignment.Right), new("ESSID"), new("Deauthenticate", Alignment.Right) })
        { Title = Plans.Count == 0 ? "client balancing: no radio over the threshold" : $"client balancing: {Plans.Count} radio(s) over the threshold" };
        foreach (var p in Plans) t.AddRow(p.Ap, p.Slot, p.Controller, p.Clients, p.Threshold, p.Essid, p.Deauthenticate.Count);
        return t;
    }

    public MimeBundle ToMimeBundle()
    {
        var warnings = string.Concat(Warnings.Select(w => "\n! " + w));
        var html = Warnings.Count == 0 ? "" : "<ul>" + string.Concat(Warnings.Select(w => "<li>" + Html.Escape(w) + "</li>")) + "</ul>";
        return new MimeBundle(ToTable().ToPlainText() + warnings).With(MimeTypes.Html, ToTable().ToHtml() + html).With(MimeTypes.Json, ToJson());
    }

    public override string ToString() => ToMimeBundle().PlainText;
}

/// <summary>
/// The client-overflow automation (docs/background.md): radios with more clients (bsnApIfNoOfUsers) than the
/// threshold get clients of one ESSID deauthenticated (bsnMobileStationDeleteAction) down to the threshold.
/// </summary>
public static class ClientBalance
{
    public static async Task<BalancePlan> PlanAsync(Wlc wlc, int threshold = 40, string essid = "guest", CancellationToken cancellationToken = default)
    {
        var ct = Cancellation.Or(cancellationToken);
        var (data, _) = await wlc.ReadAsync(ControllerData.Parts.Overview, ct).ConfigureAwait(false);
        var crowded = data.SelectMany(d => d.Radios).Where(r => r.Clients > threshold).ToList();
        var items = new List<BalancePlanItem>();
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var controller in crowded.GroupBy(r => r.Controller))
        {
            var source = wlc[controller.Key];
            var radios = data.Single(d => d.Controller == controller.Key).Radios.Count;
            var walks = await wlc.Budget.RunAsync(source, t => source.WalkColumnsAsync(AirespaceOids.MobileStationColumns, Math.Max(1, radios) * wlc.Budget.ClientsPerRadio, t), ct).ConfigureAwait(false);
            var apMac = walks[0].VarBinds.ToDictionary(v => v.Oid.IndexUnder(AirespaceOids.MobileStationApMac), v => ApOid.FromMacBytes(v.Value.Bytes));
            var slot = walks[1].VarBinds.ToDictionary(v => v.Oid.IndexUnder(AirespaceOids.MobileStationApSlot), v => (int)(v.Value.AsInteger() ?? -1));
            var ssid = walks[2].VarBinds.ToDictionary(v => v.Oid.IndexUnder(AirespaceOids.MobileStationSsid), v => v.Value.AsString() ?? "");
            seen.UnionWith(ssid.Values);
            foreach (var radio in controller.OrderBy(r => r.ApName, StringComparer.Ordinal).ThenBy(r => r.Slot))
            {
                var candidates = apMac.Where(kv => kv.Value == radio.Mac && slot.GetValueOrDefault(kv.Key, -1) == radio.Slot && ssid.GetValueOrDefault(kv.Key) == essid)
                    .Select(kv => kv.Key).Where(k => k.Length == 6).Select(k => ApOid.ToMac(k)).Order(StringComparer.Ordinal).ToList();
                var count = Math.Min(candidates.Count, radio.Clients - threshold);
                items.Add(new BalancePlanItem(radio.ApName, radio.Slot, radio.Controller, radio.Clients, threshold, essid, candidates.Take(count).ToList()));
            }
        }
        var warnings = new List<string>();
        if (crowded.Count > 0 && !seen.Contains(essid))
            warnings.Add($"ESSID '{essid}' was never seen: no client of {string.Join(", ", crowded.Select(r => r.Controller).Distinct())} is on it"
                         + (seen.Count > 0 ? $" (clients are on {string.Join(", ", seen.Take(10).Select(s => $"'{s}'"))})" : "") + "; check --essid");
        return new BalancePlan(items.OrderBy(i => i.Ap, StringComparer.Ordinal).ThenBy(i => i.Slot), warnings);
    }

    /// <summary>Deauthenticates the planned clients; refuses without <paramref name="confirm"/>.</summary>
    public static async Task<int> ApplyAsync(Wlc wlc, BalancePlan plan, bool confirm, ChangeLog log, CancellationToken cancellationToken = default)
    {
        var ct = Cancellation.Or(cancellationToken);
        var total = plan.Plans.Sum(p => p.Deauthenticate.Count);
        if (!confirm && total > 0) throw new InvalidOperationException($"client balancing would deauthenticate {total} client(s); pass --yes (or confirm: true)");
        foreach (var item in plan.Plans)
            foreach (var client in item.Deauthenticate)
            {
                await wlc[item.Controller].SetAsync([new VarBind(AirespaceOids.MobileStationDeleteAction.Append(ApOid.FromMac(client)), SnmpValue.Integer(1))], ct).ConfigureAwait(false);
                log.Write(new ChangeRecord(log.Clock.GetUtcNow(), item.Controller, item.Ap, item.Slot, "", "snmp", $"client {client} on {item.Essid}", "deauthenticated",
                    $"{item.Clients} clients > {item.Threshold}"));
            }
        return total;
    }
}
