using System.Text.Json;
using System.Text.Json.Nodes;
using Ops.Display;

namespace Ops.Kernel.Jupyter;

/// <summary>A <see cref="MimeBundle"/> as the "data" dict of display_data / execute_result.</summary>
public static class MimeBundleJson
{
    public static JsonObject Data(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, value) in bundle)
            data[mime] = MimeTypes.IsJson(mime) ? ParseOrText(value) : JsonValue.Create(value);
        return data;
    }

    // JSON mime types travel as JSON values; a formatter that produced broken JSON still shows as text.
    private static JsonNode? ParseOrText(string value)
    {
        try { return JsonNode.Parse(value); }
        catch (JsonException) { return JsonValue.Create(value); }
    }
}
