using System.Globalization;
using System.Text;

namespace Ops.Snmp;

/// <summary>An OBJECT IDENTIFIER: immutable, ordered lexicographically as SNMP walks them.</summary>
public sealed class Oid : IComparable<Oid>, IEquatable<Oid>
{
    /// <summary>SNMP allows at most 128 sub-identifiers (RFC 2578 §3.5).</summary>
    public const int MaxLength = 128;

    private readonly uint[] _ids;

    public Oid(params uint[] ids)
    {
        if (ids.Length > MaxLength) throw new ArgumentException($"an OID has at most {MaxLength} sub-identifiers, got {ids.Length}", nameof(ids));
        _ids = (uint[])ids.Clone();
    }

    private Oid(uint[] ids, bool _) => _ids = ids;

    internal static Oid Wrap(uint[] ids) => new(ids, true);

    public ReadOnlySpan<uint> Ids => _ids;
    public int Length => _ids.Length;
    public uint this[int index] => _ids[index];

    /// <summary>Parses "1.3.6.1", ".1.3.6.1" or net-snmp's "iso.3.6.1".</summary>
    public static Oid Parse(string text)
    {
        if (!TryParse(text, out var oid)) throw new FormatException($"'{text}' is not an OID (expected dotted numbers such as 1.3.6.1.4.1.14179)");
        return oid;
    }

    public static bool TryParse(string? text, out Oid oid)
    {
        oid = null!;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim();
        if (t.StartsWith("iso.", StringComparison.Ordinal)) t = "1." + t[4..];
        else if (t == "iso") t = "1";
        if (t.StartsWith('.')) t = t[1..];
        var parts = t.Split('.');
        if (parts.Length > MaxLength) return false;
        var ids = new uint[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!uint.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out ids[i])) return false;
        oid = Wrap(ids);
        return true;
    }

    public static implicit operator Oid(string text) => Parse(text);

    public Oid Append(params uint[] more)
    {
        var ids = new uint[_ids.Length + more.Length];
        _ids.CopyTo(ids, 0);
        more.CopyTo(ids, _ids.Length);
        return Wrap(ids);
    }

    public Oid Append(Oid suffix) => Append(suffix._ids);

    /// <summary>True when this OID lies strictly under <paramref name="root"/>.</summary>
    public bool IsUnder(Oid root) => _ids.Length > root._ids.Length && _ids.AsSpan(0, root._ids.Length).SequenceEqual(root._ids);

    /// <summary>The sub-identifiers after <paramref name="root"/> (the table index of a column value).</summary>
    public Oid IndexUnder(Oid root)
    {
        if (!IsUnder(root)) throw new ArgumentException($"{this} is not under {root}");
        return Wrap(_ids[root._ids.Length..]);
    }

    public int CompareTo(Oid? other)
    {
        if (other is null) return 1;
        var n = Math.Min(_ids.Length, other._ids.Length);
        for (var i = 0; i < n; i++)
            if (_ids[i] != other._ids[i]) return _ids[i] < other._ids[i] ? -1 : 1;
        return _ids.Length.CompareTo(other._ids.Length);
    }

    public bool Equals(Oid? other) => other is not null && _ids.AsSpan().SequenceEqual(other._ids);
    public override bool Equals(object? obj) => obj is Oid o && Equals(o);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var id in _ids) h.Add(id);
        return h.ToHashCode();
    }

    public static bool operator ==(Oid? a, Oid? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(Oid? a, Oid? b) => !(a == b);
    public static bool operator <(Oid a, Oid b) => a.CompareTo(b) < 0;
    public static bool operator >(Oid a, Oid b) => a.CompareTo(b) > 0;
    public static bool operator <=(Oid a, Oid b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Oid a, Oid b) => a.CompareTo(b) >= 0;

    /// <summary>Dotted numbers without a leading dot: 1.3.6.1.4.1.14179.</summary>
    public override string ToString() => string.Join('.', _ids);

    /// <summary>net-snmp's numeric form (<c>-On</c>): .1.3.6.1.4.1.14179.</summary>
    public string ToNumericString() => "." + ToString();

    /// <summary>net-snmp's form without MIBs loaded: the top arc named (iso.3.6.1...).</summary>
    public string ToNetSnmpString()
    {
        if (_ids.Length == 0) return ".";
        var sb = new StringBuilder(_ids[0] switch { 0 => "ccitt", 1 => "iso", 2 => "joint-iso-ccitt", _ => _ids[0].ToString(CultureInfo.InvariantCulture) });
        for (var i = 1; i < _ids.Length; i++) sb.Append('.').Append(_ids[i].ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
