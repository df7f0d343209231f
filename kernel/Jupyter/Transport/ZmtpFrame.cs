using System.Buffers.Binary;

namespace Ops.Kernel.Jupyter.Transport;

/// <summary>
/// One ZMTP 3.x frame on the wire: a flags byte (MORE, LONG, COMMAND), a 1- or 8-byte big-endian
/// size, then the body.
/// </summary>
public readonly record struct ZmtpFrame(byte[] Body, bool More, bool IsCommand)
{
    public const byte MoreFlag = 0x01;
    public const byte LongFlag = 0x02;
    public const byte CommandFlag = 0x04;

    public static void Write(Stream output, ReadOnlySpan<byte> body, bool more, bool command)
    {
        var flags = (byte)((more ? MoreFlag : 0) | (command ? CommandFlag : 0));
        if (body.Length <= 255)
        {
            output.WriteByte(flags);
            output.WriteByte((byte)body.Length);
        }
        else
        {
            Span<byte> header = stackalloc byte[9];
            header[0] = (byte)(flags | LongFlag);
            BinaryPrimitives.WriteUInt64BigEndian(header[1..], (ulong)body.Length);
            output.Write(header);
        }
        output.Write(body);
    }

    /// <summary>Reads one frame; null at a clean end of stream before the frame starts.</summary>
    public static ValueTask<ZmtpFrame?> ReadAsync(Stream input, long maxFrameBytes, CancellationToken cancellationToken) =>
        ReadAsync(input, maxFrameBytes, long.MaxValue, cancellationToken);

    /// <summary>Reads one frame of a message that may hold at most <paramref name="messageBytesLeft"/> more bytes.</summary>
    public static async ValueTask<ZmtpFrame?> ReadAsync(Stream input, long maxFrameBytes, long messageBytesLeft, CancellationToken cancellationToken)
    {
        var header = new byte[8];
        if (await input.ReadAtLeastAsync(header.AsMemory(0, 1), 1, throwOnEndOfStream: false, cancellationToken) == 0)
            return null;
        var flags = header[0];
        if ((flags & 0xF8) != 0) throw new ZmtpException($"frame flags 0x{flags:X2} have reserved bits set");
        ulong size;
        if ((flags & LongFlag) != 0)
        {
            await input.ReadExactlyAsync(header.AsMemory(0, 8), cancellationToken);
            size = BinaryPrimitives.ReadUInt64BigEndian(header);
        }
        else
        {
            await input.ReadExactlyAsync(header.AsMemory(0, 1), cancellationToken);
            size = header[0];
        }
        if (size > (ulong)Math.Min(maxFrameBytes, Array.MaxLength))
            throw new ZmtpException($"frame of {size} bytes exceeds the {maxFrameBytes}-byte limit");
        if (size > (ulong)Math.Max(0, messageBytesLeft))
            throw new MessageTooLargeException($"message exceeds the {ByteSize(messageBytesLeft)} left of its size limit with a frame of {size} bytes");
        var body = await ReadBodyAsync(input, (int)size, cancellationToken);
        var command = (flags & CommandFlag) != 0;
        var more = (flags & MoreFlag) != 0;
        if (command && more) throw new ZmtpException("command frame has the MORE flag set");
        return new ZmtpFrame(body, more, command);
    }

    /// <summary>Bodies up to this size are allocated at once; larger ones grow as their bytes arrive.</summary>
    internal const int FirstChunkBytes = 1 << 20;

    /// <summary>
    /// Reads a body of the size the header declared. A large body is not allocated up front: a peer
    /// that declares 60 MB and sends a kilobyte (on each of many connections) would otherwise make the
    /// kernel commit memory it never receives. The buffer doubles as bytes arrive, so what is held is
    /// at most about twice what the peer really sent.
    /// </summary>
    private static async ValueTask<byte[]> ReadBodyAsync(Stream input, int size, CancellationToken cancellationToken)
    {
        if (size == 0) return [];
        var body = new byte[Math.Min(size, FirstChunkBytes)];
        var filled = 0;
        while (true)
        {
            await input.ReadExactlyAsync(body.AsMemory(filled), cancellationToken);
            filled = body.Length;
            if (filled == size) return body;
            var grown = new byte[(int)Math.Min(size, 2L * filled)];
            body.CopyTo(grown, 0);
            body = grown;
        }
    }

    private static string ByteSize(long bytes) => bytes >= 1 << 20 ? $"{bytes / (1 << 20)} MiB" : $"{bytes} bytes";
}
