using System.Text;

namespace Ops.MySql.Protocol.Serialization;

/// <summary>Reads the protocol's integer and string encodings from one packet payload.</summary>
internal ref struct PayloadReader
{
    private readonly ReadOnlySpan<byte> _data;

    public PayloadReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        Offset = 0;
    }

    public int Offset { get; private set; }
    public int Remaining => _data.Length - Offset;
    public bool AtEnd => Offset >= _data.Length;

    public byte PeekByte() => Remaining > 0 ? _data[Offset] : throw Truncated(1);

    public byte ReadByte()
    {
        var b = PeekByte();
        Offset++;
        return b;
    }

    public ushort ReadUInt16() => (ushort)ReadFixed(2);
    public uint ReadUInt24() => (uint)ReadFixed(3);
    public uint ReadUInt32() => (uint)ReadFixed(4);
    public ulong ReadUInt64() => ReadFixed(8);

    /// <summary>Little-endian fixed-length integer of 1..8 bytes.</summary>
    public ulong ReadFixed(int length)
    {
        if (Remaining < length) throw Truncated(length);
        ulong value = 0;
        for (var i = 0; i < length; i++) value |= (ulong)_data[Offset + i] << (8 * i);
        Offset += length;
        return value;
    }

    /// <summary>Length-encoded integer; null for the 0xFB NULL marker used in text rows.</summary>
    public ulong? ReadLengthEncodedIntegerOrNull()
    {
        var first = ReadByte();
        return first switch
        {
            < 0xFB => first,
            0xFB => null,
            0xFC => ReadFixed(2),
            0xFD => ReadFixed(3),
            0xFE => ReadFixed(8),
            _ => throw new MySqlProtocolException($"invalid length-encoded integer prefix 0xFF at payload offset {Offset - 1}"),
        };
    }

    public ulong ReadLengthEncodedInteger() =>
        ReadLengthEncodedIntegerOrNull() ?? throw new MySqlProtocolException($"unexpected NULL marker at payload offset {Offset - 1}");

    public ReadOnlySpan<byte> ReadBytes(int length)
    {
        if (length < 0 || Remaining < length) throw Truncated(length);
        var span = _data.Slice(Offset, length);
        Offset += length;
        return span;
    }

    public ReadOnlySpan<byte> ReadRemaining() => ReadBytes(Remaining);

    /// <summary>Bytes up to (not including) the next NUL; the NUL is consumed. A missing NUL takes the rest.</summary>
    public ReadOnlySpan<byte> ReadNullTerminatedBytes()
    {
        var rest = _data[Offset..];
        var end = rest.IndexOf((byte)0);
        if (end < 0)
        {
            Offset = _data.Length;
            return rest;
        }
        Offset += end + 1;
        return rest[..end];
    }

    public string ReadNullTerminatedString() => Encoding.UTF8.GetString(ReadNullTerminatedBytes());

    public string ReadLengthEncodedString() => Encoding.UTF8.GetString(ReadBytes(checked((int)ReadLengthEncodedInteger())));

    /// <summary>A length-encoded string, or null for the text-protocol NULL marker.</summary>
    public string? ReadLengthEncodedStringOrNull()
    {
        var length = ReadLengthEncodedIntegerOrNull();
        return length is null ? null : Encoding.UTF8.GetString(ReadBytes(checked((int)length.Value)));
    }

    public string ReadFixedString(int length) => Encoding.UTF8.GetString(ReadBytes(length));

    public void Skip(int length) => ReadBytes(length);

    private MySqlProtocolException Truncated(int wanted) =>
        new($"payload truncated: wanted {wanted} byte(s) at offset {Offset}, {Remaining} left of {_data.Length}");
}
