using System.Text.Json.Nodes;
using Ops.Kernel.Jupyter.Protocol;
using Ops.Kernel.Jupyter.Transport;

namespace Ops.Kernel.Jupyter;

/// <summary>
/// The five sockets of a kernel bound from one connection file, and the signed replies and
/// iopub messages sent on them.
/// </summary>
public sealed class KernelSockets : IAsyncDisposable
{
    public KernelSockets(ConnectionInfo connection, TransportOptions transport)
    {
        Codec = new MessageCodec(new MessageSigner(connection.Key, connection.SignatureScheme), Guid.NewGuid().ToString());
        Shell = new RouterSocket(connection.Endpoint(connection.ShellPort), transport);
        Control = new RouterSocket(connection.Endpoint(connection.ControlPort), transport);
        Stdin = new RouterSocket(connection.Endpoint(connection.StdinPort), transport);
        Iopub = new PublisherSocket(connection.Endpoint(connection.IopubPort), transport);
        Heartbeat = new EchoSocket(connection.Endpoint(connection.HbPort), transport);
    }

    public MessageCodec Codec { get; }
    public RouterSocket Shell { get; }
    public RouterSocket Control { get; }
    public RouterSocket Stdin { get; }
    public PublisherSocket Iopub { get; }
    public EchoSocket Heartbeat { get; }

    private IEnumerable<ZmtpSocket> All => [Heartbeat, Iopub, Control, Stdin, Shell];

    /// <summary>Binds every port; a port already in use fails here with its endpoint in the message.</summary>
    public void Start()
    {
        foreach (var socket in All)
        {
            try { socket.Start(); }
            catch (System.Net.Sockets.SocketException e)
            {
                throw new InvalidOperationException($"cannot bind the kernel's {ZmtpSocketTypes.Name(socket.Type)} socket: {e.Message}. " +
                    "Another process holds the port; let the frontend pick new ports (restart the kernel).", e);
            }
        }
    }

    /// <summary>Sends a reply to the peer that sent <paramref name="request"/> on the same ROUTER.</summary>
    /// <returns>False when that peer is no longer connected to this socket (or its queue is full).</returns>
    public bool Reply(RouterSocket socket, JupyterMessage request, string messageType, JsonObject content, JsonObject? metadata = null)
    {
        if (request.Identities.Count == 0) return false;
        return socket.Send(Codec.Encode(request.Identities, messageType, request.RawHeader, content, metadata));
    }

    /// <summary>Publishes on iopub with the ipykernel-style topic kernel.&lt;session&gt;.&lt;type&gt;.</summary>
    /// <summary>When set (<c>ops kernel --redact</c>), every string published on iopub is redacted first.</summary>
    public Ops.Secrets.SecretScanner? Redactor { get; init; }

    public void Publish(string messageType, JsonObject content, JupyterMessage? parent, JsonObject? metadata = null)
    {
        if (Redactor != null && messageType != "status")
        {
            var count = RedactStrings(content, Redactor);
            if (count > 0) KernelLog.Write($"redacted {count} secret(s) from a {messageType} message");
        }
        var topic = System.Text.Encoding.UTF8.GetBytes($"kernel.{Codec.Session}.{messageType}");
        Iopub.Publish(Codec.Encode([topic], messageType, parent?.RawHeader, content, metadata));
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

    public void Status(string state, JupyterMessage parent) =>
        Publish("status", new JsonObject { ["execution_state"] = state }, parent);

    public async ValueTask DisposeAsync()
    {
        foreach (var socket in All) await socket.DisposeAsync();
    }
}
