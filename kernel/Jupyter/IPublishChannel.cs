namespace Ops.Kernel.Jupyter;

/// <summary>iopub as the handlers use it: the kernel's PUB socket, or an in-memory fake in dispatch tests.</summary>
public interface IPublishChannel
{
    /// <summary>
    /// Sends to every subscriber, waiting up to <paramref name="waitForRoom"/> for a slow one;
    /// false when some subscriber could not take the message (it was dropped for it).
    /// </summary>
    bool Publish(IReadOnlyList<byte[]> frames, TimeSpan waitForRoom);
}
