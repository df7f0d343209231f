using System.Globalization;
using System.Net;
using System.Text;

namespace Ops.Snmp;

/// <summary>
/// A typed SNMP value. Integers of every width live in <see cref="Number"/> (Integer32 signed,
/// Counter32/Gauge32/TimeTicks unsigned 32-bit, Counter64 unsigned 64-bit as its bit pattern),
/// strings, IP addresses and Opaque in <see cref="Bytes"/>, OIDs in <see cref="ObjectId"/>.
/// </summary>
public sealed class SnmpValue : IEquatable<SnmpValue>
{
    private static readonly byte[] Empty = [];

    private SnmpValue(SnmpType type, long number = 0, byte[]? bytes = null, Oid? oid = null)
    {
        Type = type;
        Number = number;
        Bytes = bytes ?? Empty;
        ObjectId = oid;
    }

    public SnmpType Type { get; }
    public long Number { get; }
    public byte[] Bytes { get; }
    public Oid? ObjectId { get; }

    public static SnmpValue Integer(int value) => new(SnmpType.Integer32, value);
    public static SnmpValue OctetString(string text) => new(SnmpType.OctetString, bytes: Encoding.UTF8.GetBytes(text));
    public static SnmpValue OctetString(byte[] bytes) => new(SnmpType.OctetString, bytes: (byte[])bytes.Clone());
    public static SnmpValue ObjectIdentifier(Oid oid) => new(SnmpType.ObjectIdentifier, oid: oid);
    public static SnmpValue Ip(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (b.Length != 4) throw new ArgumentException($"IpAddress is IPv4 only, got {address}", nameof(address));
        return new(SnmpType.IpAddress, bytes: b);
    }
    public static SnmpValue Counter32(uint value) => new(SnmpType.Counter32, value);
    public static SnmpValue Gauge32(uint value) => new(SnmpType.Gauge32, value);
    public static SnmpValue TimeTicks(uint value) => new(SnmpType.TimeTicks, value);
    public static SnmpValue Counter64(ulong value) => new(SnmpType.Counter64, unchecked((long)value));
    public static SnmpValue Opaque(byte[] bytes) => new(SnmpType.Opaque, bytes: (byte[])bytes.Clone());
    public static readonly SnmpValue Null = new(SnmpType.Null);
    public static readonly SnmpValue NoSuchObject = new(SnmpType.NoSuchObject);
    public static readonly SnmpValue NoSuchInstance = new(SnmpType.NoSuchInstance);
    public static readonly SnmpValue EndOfMibView = new(SnmpType.EndOfMibView);

    internal static SnmpValue Raw(SnmpType type, long number, byte[]? bytes, Oid? oid) => new(type, number, bytes, oid);

    /// <summary>True for noSuchObject, noSuchInstance and endOfMibView.</summary>
    public bool IsException => Type is SnmpType.NoSuchObject or SnmpType.NoSuchInstance or SnmpType.EndOfMibView;

    public ulong Unsigned => unchecked((ulong)Number);

    /// <summary>The value as an integer, for any numeric type; null otherwise.</summary>
    public long? AsInteger() => Type switch
    {
        SnmpType.Integer32 or SnmpType.Counter32 or SnmpType.Gauge32 or SnmpType.TimeTicks => Number,
        SnmpType.Counter64 => Number >= 0 ? Number : null,
        _ => null,
    };

    /// <summary>An OctetString as text (UTF-8, invalid bytes replaced); null for other types.</summary>
    public string? AsString() => Type == SnmpType.OctetString ? Encoding.UTF8.GetString(Bytes) : null;

    public bool Equals(SnmpValue? other) =>
        other is not null && other.Type == Type && other.Number == Number && other.Bytes.AsSpan().SequenceEqual(Bytes) && other.ObjectId == ObjectId;
    public override bool Equals(object? obj) => obj is SnmpValue v && Equals(v);
    public override int GetHashCode() => HashCode.Combine(Type, Number, Bytes.Length, ObjectId);

    /// <summary>net-snmp's rendering of the value (the part after " = "), OIDs as without MIBs (<c>OID: iso.3.6.1...</c>).</summary>
    public override string ToString() => Type == SnmpType.ObjectIdentifier ? "OID: " + ObjectId!.ToNetSnmpString() : Text();

    /// <summary>net-snmp's <c>-On</c> rendering: as <see cref="ToString"/>, OID values numeric (<c>OID: .1.3.6.1...</c>).</summary>
    public string ToNumericString() => Type == SnmpType.ObjectIdentifier ? "OID: " + ObjectId!.ToNumericString() : Text();

    private string Text() => Type switch
    {
        SnmpType.Integer32 => "INTEGER: " + Number.ToString(CultureInfo.InvariantCulture),
        SnmpType.OctetString => OctetText(Bytes),
        SnmpType.Null => "NULL",
        SnmpType.IpAddress => "IpAddress: " + string.Join('.', Bytes.Select(b => b.ToString(CultureInfo.InvariantCulture))),
        SnmpType.Counter32 => "Counter32: " + Number.ToString(CultureInfo.InvariantCulture),
        SnmpType.Gauge32 => "Gauge32: " + Number.ToString(CultureInfo.InvariantCulture),
        SnmpType.TimeTicks => "Timeticks: (" + Number.ToString(CultureInfo.InvariantCulture) + ") " + Uptime(Number),
        SnmpType.Counter64 => "Counter64: " + Unsigned.ToString(CultureInfo.InvariantCulture),
        SnmpType.Opaque => OpaqueText(Bytes),
        SnmpType.NoSuchObject => "No Such Object available on this agent at this OID",
        SnmpType.NoSuchInstance => "No Such Instance currently exists at this OID",
        SnmpType.EndOfMibView => "No more variables left in this MIB View (It is past the end of the MIB tree)",
        _ => "Wrong Type: " + Type,
    };

    /// <summary>
    /// Opaque carrying a float or double (net-snmp's UCD extension: tag 0x9F78 / 0x9F79 wrapped in the
    /// Opaque, as laLoadFloat uses) prints as C's <c>%f</c>; any other Opaque as hex.
    /// </summary>
    private static string OpaqueText(byte[] bytes)
    {
        if (bytes.Length == 7 && bytes[0] == 0x9F && bytes[1] == 0x78 && bytes[2] == 4)
            return "Opaque: Float: " + CFixed(System.Buffers.Binary.BinaryPrimitives.ReadSingleBigEndian(bytes.AsSpan(3)));
        if (bytes.Length == 11 && bytes[0] == 0x9F && bytes[1] == 0x79 && bytes[2] == 8)
            return "Opaque: Double: " + CFixed(System.Buffers.Binary.BinaryPrimitives.ReadDoubleBigEndian(bytes.AsSpan(3)));
        return bytes.Length == 0 ? "OPAQUE: " : "OPAQUE: " + Hex(bytes);
    }

    /// <summary>C's <c>%f</c>: six decimals, no exponent, nan/inf in lower case.</summary>
    private static string CFixed(double value) =>
        double.IsNaN(value) ? (double.IsNegative(value) ? "-nan" : "nan")
        : double.IsInfinity(value) ? (value < 0 ? "-inf" : "inf")
        : value.ToString("F6", CultureInfo.InvariantCulture);

    /// <summary>net-snmp prints a string in quotes when every byte is printable or space, else as hex.</summary>
    private static string OctetText(byte[] bytes)
    {
        if (bytes.Length == 0) return "\"\"";
        foreach (var b in bytes)
            if (!(b >= 0x20 && b < 0x7f) && !(b is (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r'))
                return "Hex-STRING: " + Hex(bytes);
        var sb = new StringBuilder("STRING: \"");
        foreach (var b in bytes)
        {
            if (b is (byte)'"' or (byte)'\\') sb.Append('\\');
            sb.Append((char)b);
        }
        return sb.Append('"').ToString();
    }

    /// <summary>Upper-case hex pairs each followed by a space, a line break every 16 bytes (net-snmp's layout).</summary>
    private static string Hex(byte[] bytes)
    {
        var sb = new StringBuilder(bytes.Length * 3);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i > 0 && i % 16 == 0) sb.Append('\n');
            sb.Append(bytes[i].ToString("X2", CultureInfo.InvariantCulture)).Append(' ');
        }
        return sb.ToString();
    }

    private static string Uptime(long ticks)
    {
        var cs = ticks % 100;
        var s = ticks / 100;
        var days = s / 86400;
        var h = s / 3600 % 24;
        var m = s / 60 % 60;
        var sec = s % 60;
        var clock = string.Create(CultureInfo.InvariantCulture, $"{h}:{m:00}:{sec:00}.{cs:00}");
        return days == 0 ? clock : string.Create(CultureInfo.InvariantCulture, $"{days} day{(days == 1 ? "" : "s")}, {clock}");
    }
}
