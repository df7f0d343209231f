namespace Ops.Kernel.Jupyter.Transport;

/// <summary>Limits and hooks shared by every ZMTP socket of a kernel.</summary>
public sealed record TransportOptions
{
    /// <summary>A frame larger than this closes the connection that sent it (the kernel keeps running).</summary>
    public long MaxFrameBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>A message with more frames than this closes the connection that sent it.</summary>
    public int MaxFramesPerMessage { get; init; } = 4096;

    /// <summary>How long a new connection may take to send its greeting and READY command.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Messages queued for one peer before further ones are dropped (PUB) or refused (ROUTER).</summary>
    public int SendQueueLimit { get; init; } = 10_000;

    /// <summary>Messages received but not yet taken by the kernel; a full queue pauses reading (TCP backpressure).</summary>
    public int ReceiveQueueLimit { get; init; } = 10_000;

    /// <summary>Where transport events (refused connections, drops) are reported; null discards them.</summary>
    public Action<string>? Log { get; init; }
}
