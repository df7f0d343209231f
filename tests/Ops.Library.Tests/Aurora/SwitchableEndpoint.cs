using System.Net;
using System.Net.Sockets;

namespace Ops.Tests.Aurora;

/// <summary>
/// Plays an Aurora endpoint for the failover tests: a loopback port that relays to one backend
/// port, can be pointed at another (a DNS switch: new connections go to the new instance), or
/// can refuse connections and reset the ones in flight (the instance behind it went down).
/// </summary>
internal sealed class SwitchableEndpoint : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<(TcpClient A, TcpClient B)> _relays = [];
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private Task? _accepting;
    private int _target;

    public SwitchableEndpoint(int target)
    {
        Port = Ops.Testing.FreePort.Tcp();
        Forward(target);
    }

    public int Port { get; }

    /// <summary>New connections go to <paramref name="target"/>; established relays stay where they are.</summary>
    public void Forward(int target)
    {
        lock (_gate)
        {
            _target = target;
            if (_listener is not null) return;
            var listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start(64);
            _listener = listener;
            _accepting = AcceptAsync(listener);
        }
    }

    /// <summary>Stops listening (connections are refused) and resets every relay in flight.</summary>
    public void Refuse()
    {
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var (a, b) in _relays)
            {
                a.Client.LingerState = new LingerOption(true, 0); // RST, like a crashed instance
                a.Close();
                b.Close();
            }
            _relays.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException) { return; }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        int target;
        lock (_gate) target = _target;
        var backend = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await backend.ConnectAsync(IPAddress.Loopback, target);
        }
        catch (SocketException)
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Close();
            backend.Dispose();
            return;
        }
        lock (_gate) _relays.Add((client, backend));
        try
        {
            await Task.WhenAny(Pump(client.GetStream(), backend.GetStream()), Pump(backend.GetStream(), client.GetStream()));
        }
        finally
        {
            lock (_gate) _relays.Remove((client, backend));
            client.Close();
            backend.Close();
        }
    }

    private static async Task Pump(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16384];
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer)) > 0) await to.WriteAsync(buffer.AsMemory(0, n));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        Refuse();
        if (_accepting is not null) await Task.WhenAny(_accepting, Task.Delay(2000));
        _stop.Dispose();
    }
}
