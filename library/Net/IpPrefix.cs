using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ops.Net;

/// <summary>
/// An IPv4 or IPv6 prefix in CIDR notation (<c>10.0.0.0/16</c>, <c>2001:db8::/32</c>). Addresses are
/// held as a 128-bit number so the arithmetic (size, next block, overlap) is the same for both families.
/// Host bits set in the input (<c>10.0.0.1/16</c>) are rejected: in a plan they are almost always a typo.
/// </summary>
public readonly record struct IpPrefix : IComparable<IpPrefix>
{
    public AddressFamily Family { get; }
    /// <summary>First address of the block as a number (IPv4 in the low 32 bits).</summary>
    public UInt128 Start { get; }
    public int Length { get; }

    private IpPrefix(AddressFamily family, UInt128 start, int length)
    {
        Family = family;
        Start = start;
        Length = length;
    }

    public int MaxLength => Family == AddressFamily.InterNetwork ? 32 : 128;
    public bool IsIPv4 => Family == AddressFamily.InterNetwork;

    /// <summary>Number of addresses in the block (2^(bits-length)); an IPv6 /0 saturates at UInt128.MaxValue.</summary>
    public UInt128 Size => MaxLength - Length >= 128 ? UInt128.MaxValue : UInt128.One << (MaxLength - Length);

    /// <summary>Last address of the block as a number.</summary>
    public UInt128 End => Start | (MaxLength - Length >= 128 ? UInt128.MaxValue : (UInt128.One << (MaxLength - Length)) - 1);

    public IPAddress Network => ToAddress(Family, Start);
    public IPAddress LastAddress => ToAddress(Family, End);

    /// <summary>Parses <c>a.b.c.d/n</c> or <c>x:y::/n</c>; the error names the text and the fix.</summary>
    public static IpPrefix Parse(string text, string field = "prefix")
    {
        if (TryParse(text, out var prefix, out var error)) return prefix;
        throw new FormatException($"{field}: {error}");
    }

    public static bool TryParse(string? text, out IpPrefix prefix) => TryParse(text, out prefix, out _);

    public static bool TryParse(string? text, out IpPrefix prefix, out string error)
    {
        prefix = default;
        var s = text?.Trim() ?? "";
        var slash = s.IndexOf('/');
        if (slash < 0) { error = $"'{text}' has no prefix length; write it as address/length, e.g. 10.0.0.0/16"; return false; }
        if (!IPAddress.TryParse(s[..slash], out var address) || s[..slash].Contains('%'))
        {
            error = $"'{s[..slash]}' in '{text}' is not an IPv4 or IPv6 address";
            return false;
        }
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (!int.TryParse(s[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > max)
        {
            error = $"prefix length '{s[(slash + 1)..]}' in '{text}' must be a number from 0 to {max}";
            return false;
        }
        var value = ToNumber(address);
        var hostBits = max - length;
        var mask = hostBits == 0 ? UInt128.Zero : hostBits >= 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
        if ((value & mask) != 0)
        {
            var network = ToAddress(address.AddressFamily, value & ~mask);
            error = $"'{text}' has host bits set; the network is {network}/{length}";
            return false;
        }
        prefix = new IpPrefix(address.AddressFamily, value, length);
        error = "";
        return true;
    }

    /// <summary>The block of the given length that starts at <paramref name="start"/> (must be aligned).</summary>
    public static IpPrefix FromStart(AddressFamily family, UInt128 start, int length)
    {
        var p = new IpPrefix(family, start, length);
        if ((start & (p.Size - 1)) != 0) throw new ArgumentException($"{ToAddress(family, start)} is not aligned to a /{length}", nameof(start));
        return p;
    }

    public bool Contains(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != Family) return false;
        var n = ToNumber(address);
        return n >= Start && n <= End;
    }

    /// <summary>True when <paramref name="other"/> lies entirely inside this block.</summary>
    public bool Contains(IpPrefix other) => other.Family == Family && other.Start >= Start && other.End <= End;

    public bool Overlaps(IpPrefix other) => other.Family == Family && other.Start <= End && Start <= other.End;

    /// <summary>The two halves one bit longer (used to carve a supernet).</summary>
    public (IpPrefix Low, IpPrefix High) Split()
    {
        if (Length >= MaxLength) throw new InvalidOperationException($"{this} cannot be split further");
        var half = new IpPrefix(Family, Start, Length + 1);
        return (half, new IpPrefix(Family, Start + half.Size, Length + 1));
    }

    public int CompareTo(IpPrefix other)
    {
        var f = ((int)Family).CompareTo((int)other.Family);
        if (f != 0) return f;
        var s = Start.CompareTo(other.Start);
        return s != 0 ? s : Length.CompareTo(other.Length);
    }

    public override string ToString() => $"{Network}/{Length.ToString(CultureInfo.InvariantCulture)}";

    internal static UInt128 ToNumber(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        UInt128 n = 0;
        foreach (var b in bytes) n = (n << 8) | b;
        return n;
    }

    internal static IPAddress ToAddress(AddressFamily family, UInt128 value)
    {
        var count = family == AddressFamily.InterNetwork ? 4 : 16;
        var bytes = new byte[count];
        for (var i = count - 1; i >= 0; i--) { bytes[i] = (byte)(value & 0xff); value >>= 8; }
        return new IPAddress(bytes);
    }
}
