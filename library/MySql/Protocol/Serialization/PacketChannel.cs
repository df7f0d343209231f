namespace Ops.MySql.Protocol.Serialization;

/// <summary>
/// Packet framing over a byte stream: a 3-byte little-endian length, a sequence id, then the payload.
/// Payloads of 16 MiB - 1 or more continue in following packets. The sequence id restarts at 0 with
/// every command; the channel checks the server keeps it in step.
/// Reads are bounded twice, because the peer is untrusted: each packet must arrive within the idle
/// timeout of the previous one (a slow but steady result never times out), and the bytes read since
/// the last <see cref="ResetSequence"/> may not exceed the reply budget, checked against each header
/// before anything is allocated.
/// </summary>
internal sealed class PacketChannel
{
    public const int MaxPacketPayload = 0xFFFFFF;

    private Stream _stream;
    private readonly byte[] _header = new byte[4];
    private long _budgetLeft;

    public PacketChannel(Stream stream, long replyBudget = long.MaxValue, TimeSpan? idleTimeout = null)
    {
        _stream = stream;
        ReplyBudget = _budgetLeft = replyBudget;
        IdleTimeout = idleTimeout ?? Timeout.InfiniteTimeSpan;
    }

    /// <summary>The sequence id the next packet (sent or received) must carry.</summary>
    public byte Sequence { get; private set; }

    public Stream Stream => _stream;

    /// <summary>Bytes (headers included) one command's reply may take.</summary>
    public long ReplyBudget { get; }

    /// <summary>Longest wait for the next packet; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan IdleTimeout { get; set; }

    /// <summary>Swaps the transport (plain socket to TLS) without touching the sequence.</summary>
    public void Replace(Stream stream) => _stream = stream;

    /// <summary>Starts a new command: the client's next packet is sequence 0 and the reply budget is full again.</summary>
    public void ResetSequence()
    {
        Sequence = 0;
        _budgetLeft = ReplyBudget;
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var offset = 0;
        while (true)
        {
            var chunk = Math.Min(MaxPacketPayload, payload.Length - offset);
            var header = new byte[4] { (byte)chunk, (byte)(chunk >> 8), (byte)(chunk >> 16), Sequence++ };
            await _stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            await _stream.WriteAsync(payload.Slice(offset, chunk), cancellationToken).ConfigureAwait(false);
            offset += chunk;
            // A payload of exactly N * 16 MiB-1 ends with an empty packet.
            if (chunk < MaxPacketPayload) break;
        }
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<byte[]> ReadAsync(CancellationToken cancellationToken)
    {
        byte[]? joined = null;
        while (true)
        {
            await ReadExactlyAsync(_header, cancellationToken).ConfigureAwait(false);
            var length = _header[0] | (_header[1] << 8) | (_header[2] << 16);
            var sequence = _header[3];
            if (sequence != Sequence)
                throw new MySqlProtocolException($"packet out of order: expected sequence {Sequence}, got {sequence}");
            Sequence++;
            _budgetLeft -= 4 + length;
            if (_budgetLeft < 0)
                throw new ReplyTooLargeException($"the reply exceeds {ReplyBudget} bytes (a packet announced {length} bytes); this client reads only small results");
            var payload = new byte[length];
            await ReadExactlyAsync(payload, cancellationToken).ConfigureAwait(false);
            joined = joined is null ? payload : [.. joined, .. payload];
            if (length < MaxPacketPayload) return joined;
        }
    }

    private async ValueTask ReadExactlyAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            int n;
            if (IdleTimeout == Timeout.InfiniteTimeSpan)
                n = await _stream.ReadAsync(buffer[read..], cancellationToken).ConfigureAwait(false);
            else
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                idle.CancelAfter(IdleTimeout);
                try { n = await _stream.ReadAsync(buffer[read..], idle.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new IdleTimeoutException($"no data from the server for {IdleTimeout.TotalMilliseconds:0} ms");
                }
            }
            if (n == 0) throw new EndOfStreamException($"server closed the connection after {read} of {buffer.Length} bytes");
            read += n;
        }
    }
}

/// <summary>The server sent more than the reply budget allows.</summary>
internal sealed class ReplyTooLargeException(string message) : Exception(message);

/// <summary>The server went silent for longer than the idle timeout between packets.</summary>
internal sealed class IdleTimeoutException(string message) : Exception(message);
