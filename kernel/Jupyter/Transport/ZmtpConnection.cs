using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Ops.Kernel.Jupyter.Transport;

/// <summary>
/// One accepted peer: greeting and NULL handshake, then multipart messages in and out. Sends go
/// through a bounded queue drained by a writer task, so a slow peer never blocks the kernel.
/// </summary>
public sealed class ZmtpConnection : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly Socket? _socket;
    private readonly TransportOptions _options;
    private readonly ZmtpSocketType _localType;
    private readonly Channel<IReadOnlyList<byte[]>> _outgoing;
    private readonly CancellationTokenSource _closed = new();
    private Task? _writer;
    private long _dropped;
    private volatile bool _stalled;

    public ZmtpConnection(Stream stream, Socket? socket, ZmtpSocketType localType, string remote, TransportOptions options)
    {
        _stream = stream;
        _socket = socket;
        _localType = localType;
        _options = options;
        Remote = remote;
        _outgoing = Channel.CreateBounded<IReadOnlyList<byte[]>>(new BoundedChannelOptions(options.SendQueueLimit)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Where the peer connected from (host:port or the ipc path).</summary>
    public string Remote { get; }

    public ZmtpSocketType PeerType { get; private set; }

    /// <summary>The Identity (routing id) the peer announced in READY, or null.</summary>
    public byte[]? PeerIdentity { get; private set; }

    // The size of the last message received; a large one is released when the next read starts.
    private long _lastMessageBytes;

    public (byte Major, byte Minor) PeerVersion { get; private set; }

    /// <summary>Messages not sent because this peer's queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public CancellationToken Closed => _closed.Token;

    /// <summary>Greeting exchange and NULL-mechanism READY commands, bounded by the handshake timeout.</summary>
    public async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        timeout.CancelAfter(_options.HandshakeTimeout);
        try
        {
            // Send all 64 bytes at once: libzmq reads our signature, then the rest, whatever we send.
            await _stream.WriteAsync(ZmtpGreeting.Build(asServer: false), timeout.Token);
            await _stream.FlushAsync(timeout.Token);
            var greeting = new byte[ZmtpGreeting.Length];
            await _stream.ReadExactlyAsync(greeting.AsMemory(0, ZmtpGreeting.SignatureLength), timeout.Token);
            ZmtpGreeting.ValidateSignature(greeting);
            await _stream.ReadExactlyAsync(greeting.AsMemory(ZmtpGreeting.SignatureLength), timeout.Token);
            PeerVersion = ZmtpGreeting.Validate(greeting);

            var ready = ZmtpCommand.Ready([new("Socket-Type", Encoding.ASCII.GetBytes(ZmtpSocketTypes.Name(_localType)))]);
            await WriteFramesAsync([ready.Encode()], command: true, timeout.Token);

            var frame = await ZmtpFrame.ReadAsync(_stream, Math.Min(_options.MaxFrameBytes, 1 << 20), timeout.Token)
                ?? throw new ZmtpException("peer closed during the handshake");
            if (!frame.IsCommand) throw new ZmtpException("peer sent a message before READY");
            var command = ZmtpCommand.Parse(frame.Body);
            if (command.Name == "ERROR") throw new ZmtpException("peer refused the handshake: " + ErrorReason(command));
            if (command.Name != "READY") throw new ZmtpException($"expected READY, got {command.Name}");
            var props = command.ReadyProperties();
            if (!props.TryGetValue("Socket-Type", out var typeBytes))
                throw new ZmtpException("READY without Socket-Type");
            var typeName = Encoding.ASCII.GetString(typeBytes);
            PeerType = ZmtpSocketTypes.Parse(typeName)
                ?? throw new ZmtpException($"unknown peer socket type '{typeName}'");
            if (!ZmtpSocketTypes.Accepts(_localType, PeerType))
            {
                await TrySendErrorAsync($"{typeName} cannot talk to {ZmtpSocketTypes.Name(_localType)}");
                throw new ZmtpException($"a {typeName} peer cannot connect to a {ZmtpSocketTypes.Name(_localType)} socket");
            }
            if (props.TryGetValue("Identity", out var identity) && identity.Length > 0)
            {
                if (identity[0] == 0) throw new ZmtpException("peer Identity starts with a zero byte (reserved)");
                PeerIdentity = identity;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ZmtpException($"no complete handshake within {_options.HandshakeTimeout.TotalSeconds:0.#} s");
        }
        catch (EndOfStreamException)
        {
            throw new ZmtpException("peer closed during the handshake");
        }
        _writer = Task.Run(WriteLoopAsync);
    }

    private static string ErrorReason(ZmtpCommand error) =>
        error.Body.Length > 0 ? Encoding.ASCII.GetString(error.Body, 1, Math.Min(error.Body[0], error.Body.Length - 1)) : "";

    private async Task TrySendErrorAsync(string reason)
    {
        try { await WriteFramesAsync([ZmtpCommand.Error(reason).Encode()], command: true, CancellationToken.None); }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException) { }
    }

    /// <summary>
    /// Reads the next message (all frames up to the one without MORE) or command.
    /// Returns null when the peer closed cleanly between messages.
    /// </summary>
    public async Task<ZmtpIncoming?> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (_lastMessageBytes >= _options.LargeMessageBytes) LargeMessageMemory.Release();
        _lastMessageBytes = 0;
        List<byte[]>? frames = null;
        long total = 0;
        while (true)
        {
            ZmtpFrame? read;
            try
            {
                read = await ZmtpFrame.ReadAsync(_stream, _options.MaxFrameBytes, _options.MaxMessageBytes - total, cancellationToken);
            }
            catch (MessageTooLargeException)
            {
                // What was buffered of the refused message is garbage now: hand it back.
                frames = null;
                if (total >= _options.LargeMessageBytes) LargeMessageMemory.Release();
                throw new MessageTooLargeException(
                    $"message larger than the {_options.MaxMessageBytes / (1 << 20)} MiB limit after {total} bytes (OPS_KERNEL_MAX_MESSAGE_MB raises it)");
            }
            catch (EndOfStreamException)
            {
                throw new ZmtpException(frames is null ? "peer closed in the middle of a frame" : "peer closed in the middle of a message");
            }
            if (read is null)
            {
                if (frames is not null) throw new ZmtpException("peer closed in the middle of a message");
                return null;
            }
            var frame = read.Value;
            if (frame.IsCommand)
            {
                if (frames is not null) throw new ZmtpException("command inside a multipart message");
                return new ZmtpIncoming(null, ZmtpCommand.Parse(frame.Body));
            }
            frames ??= new List<byte[]>(4);
            if (frames.Count >= _options.MaxFramesPerMessage)
                throw new ZmtpException($"message has more than {_options.MaxFramesPerMessage} frames");
            frames.Add(frame.Body);
            total += frame.Body.Length;
            _lastMessageBytes = total;
            if (!frame.More) return new ZmtpIncoming(frames, null);
        }
    }

    /// <summary>Queues a message; false (and counted as dropped) when this peer's queue is full or it is gone.</summary>
    public bool TrySend(IReadOnlyList<byte[]> frames)
    {
        if (_closed.IsCancellationRequested || !_outgoing.Writer.TryWrite(frames))
        {
            Interlocked.Increment(ref _dropped);
            return false;
        }
        return true;
    }

    /// <summary>
    /// Queues a message, waiting up to <paramref name="waitForRoom"/> while this peer's queue is full (back-pressure
    /// on the sender instead of a silent drop); false (and counted as dropped) when the wait ends or the peer is gone.
    /// </summary>
    public bool Send(IReadOnlyList<byte[]> frames, TimeSpan waitForRoom)
    {
        if (waitForRoom <= TimeSpan.Zero || _closed.IsCancellationRequested) return TrySend(frames);
        if (_outgoing.Writer.TryWrite(frames)) { _stalled = false; return true; }
        // A peer that already let one wait run out is not waited for again until its queue has room.
        if (_stalled) return TrySend(frames);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
        wait.CancelAfter(waitForRoom);
        try
        {
            _outgoing.Writer.WriteAsync(frames, wait.Token).AsTask().GetAwaiter().GetResult();
            return true;
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            _stalled = true;
            Interlocked.Increment(ref _dropped);
            return false;
        }
    }

    /// <summary>Queues a command frame (PONG...).</summary>
    public bool TrySendCommand(ZmtpCommand command) => TrySend(new CommandMessage(command.Encode()));

    private async Task WriteLoopAsync()
    {
        var buffer = new MemoryStream();
        try
        {
            var reader = _outgoing.Reader;
            while (await reader.WaitToReadAsync(_closed.Token))
            {
                buffer.SetLength(0);
                // Batch whatever is queued into one write: fewer syscalls when iopub is busy.
                while (buffer.Length < 1 << 20 && reader.TryRead(out var message))
                    Encode(buffer, message);
                await _stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), _closed.Token);
                await _stream.FlushAsync(_closed.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            _closed.Cancel();
        }
    }

    private static void Encode(MemoryStream buffer, IReadOnlyList<byte[]> message)
    {
        if (message is CommandMessage)
        {
            ZmtpFrame.Write(buffer, message[0], more: false, command: true);
            return;
        }
        for (var i = 0; i < message.Count; i++)
            ZmtpFrame.Write(buffer, message[i], more: i < message.Count - 1, command: false);
    }

    private async Task WriteFramesAsync(IReadOnlyList<byte[]> frames, bool command, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        for (var i = 0; i < frames.Count; i++)
            ZmtpFrame.Write(buffer, frames[i], more: !command && i < frames.Count - 1, command: command);
        await _stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        // Let queued replies (a shutdown_reply, say) go out first, but never wait long on a slow peer.
        _outgoing.Writer.TryComplete();
        if (_writer is not null)
        {
            try { await _writer.WaitAsync(TimeSpan.FromSeconds(1)); } catch (Exception) { /* closing anyway */ }
        }
        _closed.Cancel();
        try { _socket?.Shutdown(SocketShutdown.Both); } catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        await _stream.DisposeAsync();
        _socket?.Dispose();
    }

    private sealed class CommandMessage(byte[] body) : List<byte[]>(new[] { body });
}

/// <summary>What a peer sent: a multipart message or a command.</summary>
public sealed record ZmtpIncoming(IReadOnlyList<byte[]>? Frames, ZmtpCommand? Command);
