using System.Buffers.Binary;
using System.Threading.Channels;

namespace Ops.Kernel.Jupyter.Transport;

/// <summary>
/// ROUTER behaviour: every received message is prefixed with the sending peer's routing id, and a
/// message sent with a routing id as its first frame goes to that peer only (dropped when the peer
/// is gone). Peers that announce no Identity, or one already in use, get a generated 5-byte one.
/// </summary>
public sealed class RouterSocket : ZmtpSocket
{
    private readonly Dictionary<string, ZmtpConnection> _peers = new(StringComparer.Ordinal);
    private readonly Dictionary<ZmtpConnection, byte[]> _ids = [];
    private readonly Channel<IReadOnlyList<byte[]>> _received;
    private uint _nextId = (uint)Random.Shared.Next();

    public RouterSocket(string endpoint, TransportOptions? options = null) : base(endpoint, ZmtpSocketType.Router, options)
    {
        _received = Channel.CreateBounded<IReadOnlyList<byte[]>>(new BoundedChannelOptions(Options.ReceiveQueueLimit)
        {
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Messages sent to peers that had already left.</summary>
    public long Unroutable => Interlocked.Read(ref _unroutable);
    private long _unroutable;

    /// <summary>Next message from any peer: [routing id, frame, frame...].</summary>
    public ValueTask<IReadOnlyList<byte[]>> ReceiveAsync(CancellationToken cancellationToken) =>
        _received.Reader.ReadAsync(cancellationToken);

    public bool TryReceive(out IReadOnlyList<byte[]> message) => _received.Reader.TryRead(out message!);

    /// <summary>Sends frames[1..] to the peer whose routing id is frames[0]; false when it is gone or its queue is full.</summary>
    public bool Send(IReadOnlyList<byte[]> frames)
    {
        if (frames.Count < 2) throw new ArgumentException("a routed message needs a routing id and at least one frame");
        ZmtpConnection? peer;
        lock (_peers) _peers.TryGetValue(Key(frames[0]), out peer);
        if (peer is null)
        {
            Interlocked.Increment(ref _unroutable);
            return false;
        }
        var body = frames is byte[][] array ? new ArraySegment<byte[]>(array, 1, array.Length - 1) : frames.Skip(1).ToArray();
        if (peer.TrySend(body)) return true;
        Log($"ROUTER {BoundEndpoint}: send queue of {peer.Remote} full, message dropped ({peer.Dropped} so far)");
        return false;
    }

    protected override void OnConnected(ZmtpConnection connection)
    {
        lock (_peers)
        {
            var id = connection.PeerIdentity;
            if (id is not null && _peers.ContainsKey(Key(id)))
            {
                // Two clients sharing one identity (jupyter_client's KernelManager.client() reuses its session):
                // the newcomer gets its own routing id, so replies still reach whoever sent the request.
                Log($"ROUTER {BoundEndpoint}: {connection.Remote} reuses a connected peer's identity; routing it under a generated id");
                id = null;
            }
            if (id is null)
            {
                id = new byte[5];
                BinaryPrimitives.WriteUInt32BigEndian(id.AsSpan(1), ++_nextId);
            }
            _peers[Key(id)] = connection;
            _ids[connection] = id;
        }
    }

    protected override void OnDisconnected(ZmtpConnection connection)
    {
        lock (_peers)
        {
            if (!_ids.Remove(connection, out var id)) return;
            if (_peers.TryGetValue(Key(id), out var current) && current == connection) _peers.Remove(Key(id));
        }
    }

    protected override async ValueTask OnMessageAsync(ZmtpConnection connection, IReadOnlyList<byte[]> frames)
    {
        byte[] id;
        lock (_peers) id = _ids[connection];
        var message = new byte[frames.Count + 1][];
        message[0] = id;
        for (var i = 0; i < frames.Count; i++) message[i + 1] = frames[i];
        await _received.Writer.WriteAsync(message, Stopping);
    }

    private static string Key(byte[] id) => Convert.ToBase64String(id);

    public override async ValueTask DisposeAsync()
    {
        _received.Writer.TryComplete();
        await base.DisposeAsync();
    }
}
