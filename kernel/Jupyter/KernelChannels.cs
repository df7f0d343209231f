using System.Text.Json.Nodes;
using Ops.Kernel.Jupyter.Protocol;

namespace Ops.Kernel.Jupyter;

/// <summary>
/// The kernel's channels with its message codec: signed replies on shell, control and stdin, and
/// iopub messages. Built on the bound sockets by <see cref="KernelSockets"/>, or on fakes in tests.
/// </summary>
public sealed class KernelChannels(MessageCodec codec, IRequestChannel shell, IRequestChannel control, IRequestChannel stdin, IPublishChannel iopub)
{
    /// <summary>
    /// How long a publish waits for a slow iopub subscriber before the message is dropped for it: a
    /// frontend that falls behind slows the cell down instead of losing its output.
    /// </summary>
    public static TimeSpan IopubWait { get; } = TimeSpan.FromSeconds(10);

    public MessageCodec Codec { get; } = codec;
    public IRequestChannel Shell { get; } = shell;
    public IRequestChannel Control { get; } = control;
    public IRequestChannel Stdin { get; } = stdin;

    /// <summary>When set (<c>ops kernel --redact</c>), every string published on iopub is redacted first.</summary>
    public Ops.Secrets.SecretScanner? Redactor { get; init; }

    /// <summary>Sends a reply to the peer that sent <paramref name="request"/> on the same ROUTER.</summary>
    /// <returns>False when that peer is no longer connected to this channel (or its queue is full).</returns>
    public bool Reply(IRequestChannel channel, JupyterMessage request, string messageType, JsonObject content, JsonObject? metadata = null)
    {
        if (request.Identities.Count == 0) return false;
        return channel.Send(Codec.Encode(request.Identities, messageType, request.RawHeader, content, metadata));
    }

    /// <summary>Publishes on iopub with the ipykernel-style topic kernel.&lt;session&gt;.&lt;type&gt;.</summary>
    /// <returns>False when some subscriber did not take the message within <see cref="IopubWait"/>.</returns>
    public bool Publish(string messageType, JsonObject content, JupyterMessage? parent, JsonObject? metadata = null)
    {
        if (Redactor != null && messageType != MessageTypes.Status)
        {
            var count = RedactStrings(content, Redactor);
            if (count > 0) KernelLog.Write($"redacted {count} secret(s) from a {messageType} message");
        }
        var topic = System.Text.Encoding.UTF8.GetBytes($"kernel.{Codec.Session}.{messageType}");
        return iopub.Publish(Codec.Encode([topic], messageType, parent?.RawHeader, content, metadata), IopubWait);
    }

    public void Status(string state, JupyterMessage? parent) =>
        Publish(MessageTypes.Status, new JsonObject { ["execution_state"] = state }, parent);

    /// <summary>Decodes a received message; null (logged with the channel's name) when it is malformed or badly signed.</summary>
    public JupyterMessage? Decode(IRequestChannel channel, IReadOnlyList<byte[]> frames)
    {
        var message = Codec.Decode(frames, out var error);
        if (message is null) KernelLog.Write($"{channel.Name}: dropped a message ({error})");
        return message;
    }

    /// <summary>
    /// The one receive loop of every channel: waits for a message, decodes it and hands it over,
    /// until <paramref name="stopping"/> or the channel closes.
    /// </summary>
    public async Task ReceiveLoopAsync(IRequestChannel channel, Func<JupyterMessage, Task> handle, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            IReadOnlyList<byte[]> frames;
            try { frames = await channel.ReceiveAsync(stopping); }
            catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException) { return; }
            if (Decode(channel, frames) is { } message) await handle(message);
        }
    }

    private static int RedactStrings(JsonNode? node, Ops.Secrets.SecretScanner redactor)
    {
        var count = 0;
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        var redacted = redactor.Redact(text, out var n);
                        if (n > 0) { obj[key] = redacted; count += n; }
                    }
                    else count += RedactStrings(obj[key], redactor);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        var redacted = redactor.Redact(text, out var n);
                        if (n > 0) { array[i] = redacted; count += n; }
                    }
                    else count += RedactStrings(array[i], redactor);
                }
                break;
        }
        return count;
    }
}
