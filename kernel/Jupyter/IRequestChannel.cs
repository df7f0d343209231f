namespace Ops.Kernel.Jupyter;

/// <summary>
/// A ROUTER channel (shell, control or stdin) as the request handlers use it: the kernel's bound
/// socket, or an in-memory fake in dispatch tests.
/// </summary>
public interface IRequestChannel
{
    /// <summary>"shell", "control" or "stdin", for log lines.</summary>
    string Name { get; }

    ValueTask<IReadOnlyList<byte[]>> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Takes a message that has already arrived, without waiting.</summary>
    bool TryReceive(out IReadOnlyList<byte[]> message);

    /// <summary>Routes a message by its leading identity frames; false when that peer is gone.</summary>
    bool Send(IReadOnlyList<byte[]> frames);
}
