using Ops.Kernel.Jupyter.Transport;

namespace Ops.Kernel.Jupyter;

/// <summary>A bound ROUTER socket as a request channel.</summary>
internal sealed class RouterChannel(string name, RouterSocket socket) : IRequestChannel
{
    public string Name { get; } = name;
    public ValueTask<IReadOnlyList<byte[]>> ReceiveAsync(CancellationToken cancellationToken) => socket.ReceiveAsync(cancellationToken);
    public bool TryReceive(out IReadOnlyList<byte[]> message) => socket.TryReceive(out message);
    public bool Send(IReadOnlyList<byte[]> frames) => socket.Send(frames);
}

/// <summary>The bound PUB socket as the iopub channel.</summary>
internal sealed class PublisherChannel(PublisherSocket socket) : IPublishChannel
{
    public bool Publish(IReadOnlyList<byte[]> frames, TimeSpan waitForRoom)
    {
        socket.Publish(frames, waitForRoom, out var dropped);
        return dropped == 0;
    }
}
