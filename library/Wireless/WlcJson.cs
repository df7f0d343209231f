using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ops.Wireless;

/// <summary>JSON settings of the <c>ops wlc</c> contracts.</summary>
public static class WlcJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Default,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>One object per line, for logs.</summary>
    public static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };
}
