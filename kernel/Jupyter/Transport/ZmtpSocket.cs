using System.Net;
using System.Net.Sockets;

namespace Ops.Kernel.Jupyter.Transport;

/// <summary>
/// The binding side of one ZMTP socket: accepts any number of peers, runs each connection on its
/// own task, and closes only the connection that breaks the protocol. Subclasses give it a
/// behaviour (ROUTER, PUB, REP).
/// </summary>
public abstract class ZmtpSocket : IAsyncDisposable
{
    private readonly ZmtpEndpoint _endpoint;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<ZmtpConnection> _connections = [];
    private Socket? _listener;
    private Task? _acceptLoop;

    protected ZmtpSocket(string endpoint, ZmtpSocketType type, TransportOptions? options)
    {
        _endpoint = ZmtpEndpoint.Parse(endpoint);
        Type = type;
        Options = options ?? new TransportOptions();
    }

    public ZmtpSocketType Type { get; }
    protected TransportOptions Options { get; }

    /// <summary>The endpoint actually bound (with the real port when 0 was asked for).</summary>
    public string BoundEndpoint { get; private set; } = "";

    public int ConnectionCount { get { lock (_connections) return _connections.Count; } }

    protected CancellationToken Stopping => _stop.Token;

    public void Start()
    {
        _listener = _endpoint.Bind();
        BoundEndpoint = _listener.LocalEndPoint is IPEndPoint ip
            ? new ZmtpEndpoint("tcp", _endpoint.Address, ip.Port).ToString()
            : _endpoint.ToString();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener!.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { return; }
            catch (SocketException e)
            {
                Log($"accept failed: {e.Message}");
                continue;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        if (client.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6) client.NoDelay = true;
        var remote = client.RemoteEndPoint?.ToString() is { Length: > 0 } r ? r : _endpoint.ToString();
        var connection = new ZmtpConnection(new NetworkStream(client, ownsSocket: false), client, Type, remote, Options);
        var added = false;
        try
        {
            await connection.HandshakeAsync(_stop.Token);
            lock (_connections) _connections.Add(connection);
            added = true;
            OnConnected(connection);
            while (!_stop.IsCancellationRequested)
            {
                var incoming = await connection.ReceiveAsync(_stop.Token);
                if (incoming is null) break;
                if (incoming.Command is { } command) HandleCommand(connection, command);
                else await OnMessageAsync(connection, incoming.Frames!);
            }
        }
        catch (ZmtpException e)
        {
            Log($"{ZmtpSocketTypes.Name(Type)} {BoundEndpoint}: closed connection from {remote}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away or we are stopping: nothing to report.
        }
        catch (Exception e)
        {
            Log($"{ZmtpSocketTypes.Name(Type)} {BoundEndpoint}: connection from {remote} failed: {e}");
        }
        finally
        {
            if (added)
            {
                lock (_connections) _connections.Remove(connection);
                OnDisconnected(connection);
            }
            await connection.DisposeAsync();
        }
    }

    private void HandleCommand(ZmtpConnection connection, ZmtpCommand command)
    {
        switch (command.Name)
        {
            case "PING":
                // RFC 37 heartbeat: echo the context (after the 2-byte TTL) in a PONG.
                var context = command.Body.Length > 2 ? command.Body[2..] : [];
                connection.TrySendCommand(new ZmtpCommand("PONG", context));
                break;
            case "PONG":
                break;
            case "ERROR":
                throw new ZmtpException("peer sent ERROR");
            default:
                OnCommand(connection, command);
                break;
        }
    }

    protected abstract ValueTask OnMessageAsync(ZmtpConnection connection, IReadOnlyList<byte[]> frames);
    protected virtual void OnCommand(ZmtpConnection connection, ZmtpCommand command) { }
    protected virtual void OnConnected(ZmtpConnection connection) { }
    protected virtual void OnDisconnected(ZmtpConnection connection) { }

    protected ZmtpConnection[] Connections() { lock (_connections) return [.. _connections]; }

    protected void Log(string message) => Options.Log?.Invoke(message);

    public virtual async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { _listener?.Dispose(); } catch (SocketException) { }
        if (_acceptLoop is not null) await _acceptLoop.ConfigureAwait(false);
        foreach (var c in Connections()) await c.DisposeAsync();
        if (_endpoint.Transport == "ipc")
        {
            try { File.Delete(_endpoint.Address); } catch (IOException) { }
        }
        GC.SuppressFinalize(this);
    }
}
