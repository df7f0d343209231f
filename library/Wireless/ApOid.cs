using System.Globalization;
using Ops.Snmp;

namespace Ops.Wireless;

/// <summary>
/// The "AP OID": an AP's MAC as six decimal sub-identifiers, the index of every AIRESPACE AP table
/// (<c>0.167.66.226.0.32</c> ⇄ <c>00:a7:42:e2:00:20</c>).
/// </summary>
public static class ApOid
{
    public static string ToMac(ReadOnlySpan<uint> ids)
    {
        if (ids.Length < 6) throw new FormatException($"an AP OID has 6 sub-identifiers, got {ids.Length}");
        Span<char> text = stackalloc char[17];
        for (var i = 0; i < 6; i++)
        {
            if (ids[i] > 255) throw new FormatException($"AP OID sub-identifier {ids[i]} is not a byte");
            ((byte)ids[i]).TryFormat(text[(i * 3)..], out _, "x2", CultureInfo.InvariantCulture);
            if (i < 5) text[i * 3 + 2] = ':';
        }
        return new string(text);
    }

    public static string ToMac(Oid apOid) => ToMac(apOid.Ids);

    /// <summary>Parses <c>0.167.66.226.0.32</c> into a MAC.</summary>
    public static string ToMac(string apOid) => ToMac(Oid.Parse(apOid));

    public static Oid FromMac(string mac)
    {
        var parts = mac.Trim().Split(':', '-');
        if (parts.Length != 6) throw new FormatException($"'{mac}' is not a MAC address (expected six hex bytes like 6c:9c:ed:eb:e0:a0)");
        var ids = new uint[6];
        for (var i = 0; i < 6; i++)
            if (!byte.TryParse(parts[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b)) throw new FormatException($"'{mac}' is not a MAC address");
            else ids[i] = b;
        return new Oid(ids);
    }

    public static string FromMacBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 6 ? string.Join(':', bytes.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture))) : Convert.ToHexString(bytes);
}
