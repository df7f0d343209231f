using System.Buffers;
using System.Text;

namespace Ops.MySql.Protocol.Serialization;

/// <summary>Builds one packet payload in the protocol's encodings.</summary>
internal sealed class PayloadWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(128);

    public int Length => _buffer.WrittenCount;
    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public PayloadWriter Write(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public PayloadWriter WriteFixed(ulong value, int length)
    {
        var span = _buffer.GetSpan(length);
        for (var i = 0; i < length; i++) span[i] = (byte)(value >> (8 * i));
        _buffer.Advance(length);
        return this;
    }

    public PayloadWriter WriteUInt16(ushort value) => WriteFixed(value, 2);
    public PayloadWriter WriteUInt32(uint value) => WriteFixed(value, 4);

    public PayloadWriter Write(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    public PayloadWriter WriteZeros(int count)
    {
        _buffer.GetSpan(count)[..count].Clear();
        _buffer.Advance(count);
        return this;
    }

    public PayloadWriter WriteLengthEncodedInteger(ulong value)
    {
        if (value < 0xFB) return Write((byte)value);
        if (value <= 0xFFFF) return Write(0xFC).WriteFixed(value, 2);
        if (value <= 0xFFFFFF) return Write(0xFD).WriteFixed(value, 3);
        return Write(0xFE).WriteFixed(value, 8);
    }

    public PayloadWriter WriteNullTerminated(string value) => Write(Encoding.UTF8.GetBytes(value)).Write(0);

    public PayloadWriter WriteLengthEncoded(ReadOnlySpan<byte> bytes) => WriteLengthEncodedInteger((ulong)bytes.Length).Write(bytes);

    public PayloadWriter WriteLengthEncoded(string value) => WriteLengthEncoded(Encoding.UTF8.GetBytes(value));

    public PayloadWriter WriteString(string value) => Write(Encoding.UTF8.GetBytes(value));
}
