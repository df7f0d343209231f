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
        if (size > (ulong)maxFrameBytes)
            throw new ZmtpException($"frame of {size} bytes exceeds the {maxFrameBytes}-byte limit");
        if (size > (ulong)Math.Max(0, messageBytesLeft))
            throw new MessageTooLargeException($"message exceeds the {ByteSize(messageBytesLeft)} left of its size limit with a frame of {size} bytes");
        var body = size == 0 ? Array.Empty<byte>() : new byte[size];
        if (size > 0) await input.ReadExactlyAsync(body, cancellationToken);
        var command = (flags & CommandFlag) != 0;
        var more = (flags & MoreFlag) != 0;
        if (command && more) throw new ZmtpException("command frame has the MORE flag set");
        return new ZmtpFrame(body, more, command);
    }

    private static string ByteSize(long bytes) => bytes >= 1 << 20 ? $"{bytes / (1 << 20)} MiB" : $"{bytes} bytes";
}
