using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Ops.Kernel.Jupyter.Protocol;

/// <summary>
/// Source-generated JSON for the protocol's fixed shapes (no reflection, so a cold kernel does not
/// spend start-up time warming the serializer), and compact UTF-8 for message parts.
/// </summary>
[JsonSerializable(typeof(MessageHeader))]
[JsonSerializable(typeof(ConnectionInfo))]
internal sealed partial class ProtocolJson : JsonSerializerContext
{
    // Messages are JSON on a socket, never inline HTML: keep non-ASCII text (Japanese log lines) as is.
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Utf8(JsonObject node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Writer)) node.WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Utf8(MessageHeader header)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Writer)) JsonSerializer.Serialize(writer, header, Default.MessageHeader);
        return buffer.WrittenSpan.ToArray();
    }
}
