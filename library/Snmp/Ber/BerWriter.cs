using System.Buffers.Binary;

namespace Ops.Snmp;

/// <summary>BER encoding of the SNMP subset (definite lengths, primitive and constructed TLVs).</summary>
public static class BerWriter
{
    public const byte Sequence = 0x30;

    public static byte[] Tlv(byte tag, ReadOnlySpan<byte> content)
    {
        var lenBytes = LengthSize(content.Length);
        var result = new byte[1 + lenBytes + content.Length];
        result[0] = tag;
        WriteLength(result.AsSpan(1, lenBytes), content.Length);
        content.CopyTo(result.AsSpan(1 + lenBytes));
        return result;
    }

    /// <summary>A constructed TLV whose content is the concatenation of <paramref name="parts"/>.</summary>
    public static byte[] Constructed(byte tag, params byte[][] parts)
    {
        var total = 0;
        foreach (var p in parts) total += p.Length;
        var content = new byte[total];
        var at = 0;
        foreach (var p in parts) { p.CopyTo(content, at); at += p.Length; }
        return Tlv(tag, content);
    }

    public static byte[] Integer(long value, byte tag = 0x02)
    {
        Span<byte> buf = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(buf, value);
        var start = 0;
        // Minimal two's complement: drop leading bytes that only repeat the sign.
        while (start < 7 && ((buf[start] == 0x00 && (buf[start + 1] & 0x80) == 0) || (buf[start] == 0xff && (buf[start + 1] & 0x80) != 0))) start++;
        return Tlv(tag, buf[start..]);
    }

    /// <summary>Unsigned application integers (Counter32, Gauge32, TimeTicks, Counter64): a leading 0 when the top bit is set.</summary>
    public static byte[] Unsigned(ulong value, byte tag)
    {
        Span<byte> buf = stackalloc byte[9];
        buf[0] = 0;
        BinaryPrimitives.WriteUInt64BigEndian(buf[1..], value);
        var start = 0;
        while (start < 8 && buf[start] == 0 && (buf[start + 1] & 0x80) == 0) start++;
        return Tlv(tag, buf[start..]);
    }

    public static byte[] OctetString(ReadOnlySpan<byte> bytes, byte tag = 0x04) => Tlv(tag, bytes);

    public static byte[] Null(byte tag = 0x05) => [tag, 0];

    public static byte[] ObjectIdentifier(Oid oid)
    {
        var ids = oid.Ids;
        // BER packs the first two arcs into one sub-identifier; a shorter OID (a walk from 1) is sent
        // with the missing arcs as 0, as net-snmp does: 1 goes out as 1.0, the empty OID as 0.0.
        if (ids.Length > 0 && (ids[0] > 2 || (ids.Length > 1 && ids[0] < 2 && ids[1] > 39)))
            throw new ArgumentException($"OID {oid} has an invalid first arc (the first is 0, 1 or 2; under 0 and 1 the second is at most 39)");
        var content = new List<byte>(ids.Length + 8);
        AppendSubId(content, (ids.Length > 0 ? (ulong)ids[0] * 40 : 0) + (ids.Length > 1 ? ids[1] : 0));
        for (var i = 2; i < ids.Length; i++) AppendSubId(content, ids[i]);
        return Tlv(0x06, content.ToArray());
    }

    private static void AppendSubId(List<byte> output, ulong value)
    {
        Span<byte> tmp = stackalloc byte[10];
        var n = 0;
        do { tmp[n++] = (byte)(value & 0x7f); value >>= 7; } while (value != 0);
        for (var i = n - 1; i >= 0; i--) output.Add((byte)(tmp[i] | (i > 0 ? 0x80 : 0)));
    }

    public static byte[] Value(SnmpValue v) => v.Type switch
    {
        SnmpType.Integer32 => Integer(v.Number),
        SnmpType.OctetString => OctetString(v.Bytes),
        SnmpType.Null => Null(),
        SnmpType.ObjectIdentifier => ObjectIdentifier(v.ObjectId!),
        SnmpType.IpAddress => OctetString(v.Bytes, 0x40),
        SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks or SnmpType.Counter64 => Unsigned(v.Unsigned, (byte)v.Type),
        SnmpType.Opaque => OctetString(v.Bytes, 0x44),
        SnmpType.NoSuchObject or SnmpType.NoSuchInstance or SnmpType.EndOfMibView => Null((byte)v.Type),
        _ => throw new ArgumentException($"cannot encode SNMP type {v.Type}"),
    };

    private static int LengthSize(int length) => length < 0x80 ? 1 : length <= 0xff ? 2 : length <= 0xffff ? 3 : length <= 0xffffff ? 4 : 5;

    private static void WriteLength(Span<byte> dest, int length)
    {
        if (dest.Length == 1) { dest[0] = (byte)length; return; }
        dest[0] = (byte)(0x80 | (dest.Length - 1));
        for (var i = dest.Length - 1; i >= 1; i--) { dest[i] = (byte)length; length >>= 8; }
    }
}
