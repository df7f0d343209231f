namespace Ops.Snmp;

/// <summary>
/// Reads BER from an untrusted packet. Every length is checked against the bytes left before
/// anything is allocated, so a hostile length can only fail the read, never exhaust memory.
/// </summary>
public ref struct BerReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _base;
    private int _pos;

    public BerReader(ReadOnlySpan<byte> data, int baseOffset = 0)
    {
        _data = data;
        _base = baseOffset;
        _pos = 0;
    }

    public readonly bool HasMore => _pos < _data.Length;
    public readonly int Offset => _base + _pos;
    public readonly byte PeekTag() => HasMore ? _data[_pos] : throw new BerException("unexpected end of data", Offset);

    /// <summary>Reads a TLV header and returns its tag and content.</summary>
    public ReadOnlySpan<byte> ReadTlv(out byte tag, out int contentOffset)
    {
        if (_pos >= _data.Length) throw new BerException("unexpected end of data, expected a tag", Offset);
        tag = _data[_pos++];
        if ((tag & 0x1f) == 0x1f) throw new BerException($"multi-byte tag 0x{tag:x2} is not used by SNMP", Offset - 1);
        if (_pos >= _data.Length) throw new BerException("unexpected end of data, expected a length", Offset);
        int first = _data[_pos++];
        int length;
        if (first < 0x80) length = first;
        else if (first == 0x80) throw new BerException("indefinite length is not allowed in SNMP", Offset - 1);
        else
        {
            var n = first & 0x7f;
            if (n > 4) throw new BerException($"length of {n} bytes is too large", Offset - 1);
            if (_pos + n > _data.Length) throw new BerException("truncated length", Offset);
            long l = 0;
            for (var i = 0; i < n; i++) l = (l << 8) | _data[_pos++];
            if (l > int.MaxValue) throw new BerException($"length {l} is too large", Offset);
            length = (int)l;
        }
        if (length > _data.Length - _pos)
            throw new BerException($"length {length} exceeds the {_data.Length - _pos} bytes left", Offset);
        contentOffset = Offset;
        var content = _data.Slice(_pos, length);
        _pos += length;
        return content;
    }

    public ReadOnlySpan<byte> Expect(byte expectedTag, out int contentOffset)
    {
        var at = Offset;
        var content = ReadTlv(out var tag, out contentOffset);
        if (tag != expectedTag) throw new BerException($"expected tag 0x{expectedTag:x2}, found 0x{tag:x2}", at);
        return content;
    }

    /// <summary>A reader over the content of the next constructed TLV with the given tag.</summary>
    public BerReader ReadConstructed(byte expectedTag)
    {
        var content = Expect(expectedTag, out var offset);
        return new BerReader(content, offset);
    }

    public long ReadInteger(byte expectedTag = 0x02)
    {
        var content = Expect(expectedTag, out var at);
        return DecodeSigned(content, at);
    }

    public int ReadInt32(byte expectedTag = 0x02)
    {
        var at = Offset;
        var v = ReadInteger(expectedTag);
        if (v < int.MinValue || v > int.MaxValue) throw new BerException($"integer {v} does not fit 32 bits", at);
        return (int)v;
    }

    public byte[] ReadOctetString(byte expectedTag = 0x04) => Expect(expectedTag, out _).ToArray();

    public SnmpValue ReadValue()
    {
        var at = Offset;
        var content = ReadTlv(out var tag, out var contentAt);
        switch ((SnmpType)tag)
        {
            case SnmpType.Integer32:
                var i = DecodeSigned(content, contentAt);
                if (i < int.MinValue || i > int.MaxValue) throw new BerException($"Integer32 {i} out of range", at);
                return SnmpValue.Integer((int)i);
            case SnmpType.OctetString: return SnmpValue.Raw(SnmpType.OctetString, 0, content.ToArray(), null);
            case SnmpType.Null: return NoContent(content, SnmpValue.Null, at);
            case SnmpType.ObjectIdentifier: return SnmpValue.ObjectIdentifier(DecodeOid(content, contentAt));
            case SnmpType.IpAddress:
                if (content.Length != 4) throw new BerException($"IpAddress of {content.Length} bytes", at);
                return SnmpValue.Raw(SnmpType.IpAddress, 0, content.ToArray(), null);
            case SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks:
                var u = DecodeUnsigned(content, contentAt);
                if (u > uint.MaxValue) throw new BerException($"{(SnmpType)tag} {u} exceeds 32 bits", at);
                return SnmpValue.Raw((SnmpType)tag, (long)u, null, null);
            case SnmpType.Counter64: return SnmpValue.Counter64(DecodeUnsigned(content, contentAt));
            case SnmpType.Opaque: return SnmpValue.Raw(SnmpType.Opaque, 0, content.ToArray(), null);
            case SnmpType.NoSuchObject: return NoContent(content, SnmpValue.NoSuchObject, at);
            case SnmpType.NoSuchInstance: return NoContent(content, SnmpValue.NoSuchInstance, at);
            case SnmpType.EndOfMibView: return NoContent(content, SnmpValue.EndOfMibView, at);
            default: throw new BerException($"unknown value tag 0x{tag:x2}", at);
        }
    }

    public Oid ReadOid()
    {
        var content = Expect(0x06, out var at);
        return DecodeOid(content, at);
    }

    private static SnmpValue NoContent(ReadOnlySpan<byte> content, SnmpValue value, int at) =>
        content.Length == 0 ? value : throw new BerException($"{value.Type} with {content.Length} content bytes", at);

    internal static long DecodeSigned(ReadOnlySpan<byte> content, int at)
    {
        if (content.Length == 0) throw new BerException("integer with no content", at);
        if (content.Length > 8) throw new BerException($"integer of {content.Length} bytes exceeds 64 bits", at);
        long v = (sbyte)content[0];
        for (var i = 1; i < content.Length; i++) v = (v << 8) | content[i];
        return v;
    }

    internal static ulong DecodeUnsigned(ReadOnlySpan<byte> content, int at)
    {
        if (content.Length == 0) throw new BerException("integer with no content", at);
        var c = content;
        if (c.Length == 9 && c[0] == 0) c = c[1..];
        if (c.Length > 8) throw new BerException($"unsigned integer of {content.Length} bytes exceeds 64 bits", at);
        ulong v = 0;
        foreach (var b in c) v = (v << 8) | b;
        return v;
    }

    internal static Oid DecodeOid(ReadOnlySpan<byte> content, int at)
    {
        if (content.Length == 0) throw new BerException("empty OID", at);
        var ids = new List<uint>(Math.Min(content.Length + 1, Oid.MaxLength));
        ulong acc = 0;
        var bytesInId = 0;
        var first = true;
        for (var i = 0; i < content.Length; i++)
        {
            var b = content[i];
            if (bytesInId == 0 && b == 0x80) throw new BerException("OID sub-identifier with a leading 0x80", at + i);
            acc = (acc << 7) | (uint)(b & 0x7f);
            bytesInId++;
            if (acc > (first ? 80UL + uint.MaxValue : uint.MaxValue)) throw new BerException("OID sub-identifier exceeds 32 bits", at + i);
            if ((b & 0x80) != 0) continue;
            if (first)
            {
                if (acc < 40) { ids.Add(0); ids.Add((uint)acc); }
                else if (acc < 80) { ids.Add(1); ids.Add((uint)(acc - 40)); }
                else { ids.Add(2); ids.Add((uint)(acc - 80)); }
                first = false;
            }
            else ids.Add((uint)acc);
            if (ids.Count > Oid.MaxLength) throw new BerException($"OID longer than {Oid.MaxLength} sub-identifiers", at + i);
            acc = 0;
            bytesInId = 0;
        }
        if (bytesInId != 0) throw new BerException("OID ends inside a sub-identifier", at + content.Length);
        return Oid.Wrap(ids.ToArray());
    }
}
