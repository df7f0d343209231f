using System.Globalization;
using System.Text.Json.Serialization;

namespace Ops.Wireless;

/// <summary>One radio in the overview. The JSON properties are the <c>ops wlc overview --json</c> contract.</summary>
public sealed record OverviewRow(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("mac")] string Mac,
    [property: JsonPropertyName("controller")] string Controller,
    [property: JsonPropertyName("slot")] int Slot,
    [property: JsonPropertyName("band")] string Band,
    [property: JsonPropertyName("operStatus")] string OperStatus,
    [property: JsonPropertyName("channel")] int Channel,
    [property: JsonPropertyName("txPower")] int TxPower,
    [property: JsonPropertyName("clients")] int Clients,
    [property: JsonPropertyName("utilization")] int? Utilization,
    [property: JsonPropertyName("apGroup")] string ApGroup)
{
    [JsonIgnore] public bool ChannelAutomatic { get; init; }
    [JsonIgnore] public bool TxPowerAutomatic { get; init; }

    /// <summary>AireOS marks values chosen by RRM/DCA with an asterisk: <c>124*</c>, <c>*2</c>.</summary>
    [JsonIgnore] public string ChannelText => Channel.ToString(CultureInfo.InvariantCulture) + (ChannelAutomatic ? "*" : "");
    [JsonIgnore] public string TxPowerText => (TxPowerAutomatic ? "*" : "") + TxPower.ToString(CultureInfo.InvariantCulture);

    public static OverviewRow From(Radio r) => new(r.ApName, r.Mac, r.Controller, r.Slot, r.Band.Text(),
        r.OperStatus switch { Wireless.OperStatus.Up => "UP", Wireless.OperStatus.Down => "DOWN", _ => "UNKNOWN" },
        r.Channel, r.TxPowerLevel, r.Clients, r.Utilization, r.ApGroup)
    {
        ChannelAutomatic = r.Assignment == ChannelAssignment.Automatic,
        TxPowerAutomatic = r.TxPowerControl == ChannelAssignment.Automatic,
    };
}
