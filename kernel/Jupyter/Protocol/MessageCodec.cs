using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ops.Kernel.Jupyter.Protocol;

/// <summary>
/// Jupyter messages to and from ZMTP frames: identities, the &lt;IDS|MSG&gt; delimiter, signature,
/// header, parent_header, metadata, content, buffers. Decoding verifies the signature and refuses
/// replayed signatures, so nothing unsigned or replayed ever reaches a handler.
/// </summary>
public sealed class MessageCodec(MessageSigner signer, string session)
{
    public static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();
    private const int ReplayHistory = 1 << 16;

    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Queue<string> _seenOrder = new();

    /// <summary>This kernel's session id (the header's session of everything it sends).</summary>
    public string Session { get; } = session;

    /// <summary>Decodes routed frames; on failure returns null and says why (for the log).</summary>
    public JupyterMessage? Decode(IReadOnlyList<byte[]> frames, out string? error)
    {
        error = null;
        var d = -1;
        for (var i = 0; i < frames.Count; i++)
            if (frames[i].AsSpan().SequenceEqual(Delimiter)) { d = i; break; }
        if (d < 0) { error = "no <IDS|MSG> delimiter"; return null; }
        if (frames.Count < d + 6) { error = $"only {frames.Count - d - 1} frames after the delimiter, expected at least 5"; return null; }

        var signature = frames[d + 1];
        byte[] header = frames[d + 2], parent = frames[d + 3], metadata = frames[d + 4], content = frames[d + 5];
        if (signer.Enabled)
        {
            if (signature.Length == 0) { error = "missing signature"; return null; }
            if (!signer.Verify(signature, header, parent, metadata, content)) { error = "invalid signature"; return null; }
            var key = Encoding.ASCII.GetString(signature);
            lock (_seen)
            {
                if (!_seen.Add(key)) { error = "replayed signature"; return null; }
                _seenOrder.Enqueue(key);
                if (_seenOrder.Count > ReplayHistory) _seen.Remove(_seenOrder.Dequeue());
            }
        }
        try
        {
            var h = JsonSerializer.Deserialize(header, ProtocolJson.Default.MessageHeader) ?? throw new JsonException("header is null");
            if (string.IsNullOrEmpty(h.MessageType)) { error = "header has no msg_type"; return null; }
            var meta = JsonNode.Parse(metadata) as JsonObject ?? [];
            var body = JsonNode.Parse(content) as JsonObject;
            if (body is null) { error = "content is not a JSON object"; return null; }
            return new JupyterMessage(frames.Take(d).ToArray(), h, header, meta, body, frames.Skip(d + 6).ToArray());
        }
        catch (JsonException e)
        {
            error = "malformed JSON: " + e.Message;
            return null;
        }
    }

    /// <summary>Encodes a message to frames: identities, delimiter, signature, header, parent, metadata, content.</summary>
    public byte[][] Encode(IReadOnlyList<byte[]> identities, string messageType, byte[]? parentHeader, JsonObject content,
        JsonObject? metadata = null)
    {
        var header = ProtocolJson.Utf8(MessageHeader.Create(messageType, Session));
        var parent = parentHeader ?? "{}"u8.ToArray();
        var meta = metadata is null ? "{}"u8.ToArray() : ProtocolJson.Utf8(metadata);
        var body = ProtocolJson.Utf8(content);
        var frames = new byte[identities.Count + 6][];
        for (var i = 0; i < identities.Count; i++) frames[i] = identities[i];
        var n = identities.Count;
        frames[n] = Delimiter;
        frames[n + 1] = signer.Sign(header, parent, meta, body);
        frames[n + 2] = header;
        frames[n + 3] = parent;
        frames[n + 4] = meta;
        frames[n + 5] = body;
        return frames;
    }
}
