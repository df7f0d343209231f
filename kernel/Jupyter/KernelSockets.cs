using Ops.Kernel.Jupyter.Protocol;
using Ops.Kernel.Jupyter.Transport;

namespace Ops.Kernel.Jupyter;

/// <summary>The five sockets of a kernel bound from one connection file, and the channels on them.</summary>
public sealed class KernelSockets : IAsyncDisposable
{
    private readonly RouterSocket _shell;
    private readonly RouterSocket _control;
    private readonly RouterSocket _stdin;
    private readonly PublisherSocket _iopub;
    private readonly EchoSocket _heartbeat;

    public KernelSockets(ConnectionInfo connection, TransportOptions transport, Ops.Secrets.SecretScanner? redactor = null)
    {
        var codec = new MessageCodec(new MessageSigner(connection.Key, connection.SignatureScheme), Guid.NewGuid().ToString());
        _shell = new RouterSocket(connection.Endpoint(connection.ShellPort), transport);
        _control = new RouterSocket(connection.Endpoint(connection.ControlPort), transport);
        _stdin = new RouterSocket(connection.Endpoint(connection.StdinPort), transport);
        _iopub = new PublisherSocket(connection.Endpoint(connection.IopubPort), transport);
        _heartbeat = new EchoSocket(connection.Endpoint(connection.HbPort), transport);
        Channels = new KernelChannels(codec, new RouterChannel("shell", _shell), new RouterChannel("control", _control),
            new RouterChannel("stdin", _stdin), new PublisherChannel(_iopub)) { Redactor = redactor };
    }

    public KernelChannels Channels { get; }

    private IEnumerable<ZmtpSocket> All => [_heartbeat, _iopub, _control, _stdin, _shell];

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

    public async ValueTask DisposeAsync()
    {
        foreach (var socket in All) await socket.DisposeAsync();
    }
}
