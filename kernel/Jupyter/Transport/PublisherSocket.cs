namespace Ops.Kernel.Jupyter.Transport;

/// <summary>
/// PUB behaviour: a message goes to every peer with a subscription that prefixes its first frame.
/// Each peer has a bounded queue; when a slow subscriber's queue is full the sender may wait for room
/// (bounded), after which the message is dropped for that peer and counted.
/// </summary>
public sealed class PublisherSocket : ZmtpSocket
{
    private readonly Dictionary<ZmtpConnection, List<byte[]>> _subscriptions = [];
    private long _dropped;

    public PublisherSocket(string endpoint, TransportOptions? options = null) : base(endpoint, ZmtpSocketType.Pub, options) { }

    /// <summary>Messages not delivered to some subscriber because its queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Peers that currently have at least one subscription.</summary>
    public int SubscriberCount { get { lock (_subscriptions) return _subscriptions.Count(s => s.Value.Count > 0); } }

    /// <summary>Raised when a peer subscribes (after the subscription is in place).</summary>
    public event Action? Subscribed;

    /// <summary>Sends to every matching subscriber without waiting; returns how many peers it was queued for.</summary>
    public int Publish(IReadOnlyList<byte[]> frames) => Publish(frames, TimeSpan.Zero, out _);

    /// <summary>
    /// Sends to every matching subscriber. A subscriber whose queue is full is waited for, up to
    /// <paramref name="waitForRoom"/>, so a slow frontend slows the sender down instead of losing output;
    /// only after that is the message dropped for it (counted in <paramref name="dropped"/> and logged).
    /// </summary>
    /// <returns>How many peers the message was queued for.</returns>
    public int Publish(IReadOnlyList<byte[]> frames, TimeSpan waitForRoom, out int dropped)
    {
        if (frames.Count == 0) throw new ArgumentException("a message needs at least one frame");
        var topic = frames[0];
        List<ZmtpConnection> targets = [];
        lock (_subscriptions)
        {
            foreach (var (peer, prefixes) in _subscriptions)
                if (prefixes.Any(p => topic.AsSpan().StartsWith(p))) targets.Add(peer);
        }
        var sent = 0;
        dropped = 0;
        foreach (var peer in targets)
        {
            if (peer.Send(frames, waitForRoom)) { sent++; continue; }
            dropped++;
            var total = Interlocked.Increment(ref _dropped);
            if (peer.Dropped == 1 || peer.Dropped % 1000 == 0)
                Log($"PUB {BoundEndpoint}: subscriber {peer.Remote} is too slow; {peer.Dropped} message(s) dropped for it ({total} in all)");
        }
        return sent;
    }

    protected override void OnConnected(ZmtpConnection connection)
    {
        lock (_subscriptions) _subscriptions[connection] = [];
    }

    protected override void OnDisconnected(ZmtpConnection connection)
    {
        lock (_subscriptions) _subscriptions.Remove(connection);
    }

    // ZMTP 3.0 (and libzmq whenever it talks 3.0): a message whose first byte is 1 (subscribe) or 0 (cancel).
    protected override ValueTask OnMessageAsync(ZmtpConnection connection, IReadOnlyList<byte[]> frames)
    {
        var body = frames[0];
        if (body.Length > 0 && body[0] is 0 or 1) Change(connection, body[1..], subscribe: body[0] == 1);
        return ValueTask.CompletedTask;
    }

    // ZMTP 3.1: SUBSCRIBE and CANCEL commands.
    protected override void OnCommand(ZmtpConnection connection, ZmtpCommand command)
    {
        if (command.Name == "SUBSCRIBE") Change(connection, command.Body, subscribe: true);
        else if (command.Name == "CANCEL") Change(connection, command.Body, subscribe: false);
    }

    private void Change(ZmtpConnection connection, byte[] prefix, bool subscribe)
    {
        lock (_subscriptions)
        {
            if (!_subscriptions.TryGetValue(connection, out var prefixes)) return;
            if (subscribe) prefixes.Add(prefix);
            else
            {
                var i = prefixes.FindIndex(p => p.AsSpan().SequenceEqual(prefix));
                if (i >= 0) prefixes.RemoveAt(i);
            }
        }
        if (subscribe) Subscribed?.Invoke();
    }
}
