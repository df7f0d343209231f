namespace Ops.Kernel.Jupyter.Transport;

/// <summary>
/// REP behaviour reduced to what the Jupyter heartbeat needs: every request (envelope, empty
/// delimiter and body) is sent straight back to the peer that sent it.
/// </summary>
public sealed class EchoSocket : ZmtpSocket
{
    public EchoSocket(string endpoint, TransportOptions? options = null) : base(endpoint, ZmtpSocketType.Rep, options) { }

    protected override ValueTask OnMessageAsync(ZmtpConnection connection, IReadOnlyList<byte[]> frames)
    {
        connection.TrySend(frames);
        return ValueTask.CompletedTask;
    }
}
