namespace Ops.Kernel.Jupyter.Transport;

/// <summary>Limits and hooks shared by every ZMTP socket of a kernel.</summary>
public sealed record TransportOptions
{
    /// <summary>A frame larger than this closes the connection that sent it (the kernel keeps running).</summary>
    public long MaxFrameBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// A message whose frames add up to more than this closes the connection that sent it, before
    /// the frame that crosses the limit is allocated. A message is buffered whole before its signature
    /// can be checked, so this bounds what an unauthenticated peer can make the kernel hold. 256 MiB is
    /// far above real traffic (an execute_request is kilobytes; widget and comm payloads megabytes).
    /// Set with OPS_KERNEL_MAX_MESSAGE_MB.
    /// </summary>
    public long MaxMessageBytes { get; init; } = MegabytesFromEnvironment("OPS_KERNEL_MAX_MESSAGE_MB") ?? 256L * 1024 * 1024;

    private static long? MegabytesFromEnvironment(string name) =>
        long.TryParse(Environment.GetEnvironmentVariable(name), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var mb) && mb > 0
            ? mb * 1024 * 1024
            : null;

    /// <summary>After a message (or refused message) of at least this size, memory is given back to the system.</summary>
    public long LargeMessageBytes { get; init; } = 16L * 1024 * 1024;

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
