using System.Buffers.Text;
using System.Text;

namespace Ops.BigQuery;

/// <summary>
/// Byte-level recognisers for the text forms BigQuery accepts when it loads JSON: quoted integers,
/// decimals with their precision, calendar dates, times, datetimes and timestamps. They work on the
/// UTF-8 bytes of a value so the validator never allocates a string for a valid row.
/// </summary>
internal static class BqLiterals
{
    public const long MaxSafeInteger = 9_007_199_254_740_991; // 2^53 - 1

    public enum Result { Ok, Invalid, OutOfRange }

    /// <summary>An optional sign then digits only.</summary>
    public static Result Int64(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (s.IsEmpty) return Result.Invalid;
        var i = s[0] is (byte)'-' or (byte)'+' ? 1 : 0;
        if (i == s.Length) return Result.Invalid;
        for (var j = i; j < s.Length; j++) if ((uint)(s[j] - '0') > 9) return Result.Invalid;
        if (s[0] == '+') s = s[1..];
        return Utf8Parser.TryParse(s, out value, out var used) && used == s.Length ? Result.Ok : Result.OutOfRange;
    }

    /// <summary>JSON-number-like text (leading + and bare fractions allowed) or NaN/Infinity/-Infinity.</summary>
    public static bool Float64(ReadOnlySpan<byte> s)
    {
        if (Decimal(s, out _, out _)) return true;
        var t = s;
        if (!t.IsEmpty && t[0] is (byte)'-' or (byte)'+') t = t[1..];
        return Ascii.EqualsIgnoreCase(t, "infinity"u8) || Ascii.EqualsIgnoreCase(t, "inf"u8) || Ascii.EqualsIgnoreCase(s, "nan"u8);
    }

    /// <summary>
    /// A decimal literal: [sign] digits [. digits] [e [sign] digits]. Reports significant integer digits
    /// and fractional digits after applying the exponent (leading and trailing zeros do not count).
    /// </summary>
    public static bool Decimal(ReadOnlySpan<byte> s, out int integerDigits, out int fractionDigits)
    {
        integerDigits = 0; fractionDigits = 0;
        var i = 0;
        if (i < s.Length && s[i] is (byte)'-' or (byte)'+') i++;
        int intStart = i;
        while (i < s.Length && IsDigit(s[i])) i++;
        var intPart = s[intStart..i];
        ReadOnlySpan<byte> frac = default;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var fs = i;
            while (i < s.Length && IsDigit(s[i])) i++;
            frac = s[fs..i];
        }
        if (intPart.IsEmpty && frac.IsEmpty) return false;
        var exp = 0;
        if (i < s.Length && (s[i] | 0x20) == 'e')
        {
            i++;
            var neg = false;
            if (i < s.Length && s[i] is (byte)'-' or (byte)'+') neg = s[i++] == '-';
            var es = i;
            while (i < s.Length && IsDigit(s[i]) && i - es < 6) exp = exp * 10 + (s[i++] - '0');
            if (i == es) return false;
            if (neg) exp = -exp;
        }
        if (i != s.Length) return false;
        // Digits D = int part + fraction; the point sits after intPart.Length + exp digits. Strip
        // leading and trailing zeros; what is left of the point counts as integer digits.
        var total = intPart.Length + frac.Length;
        byte At(int k, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => k < a.Length ? a[k] : b[k - a.Length];
        var lead = 0;
        while (lead < total && At(lead, intPart, frac) == '0') lead++;
        if (lead == total) return true;
        var trail = 0;
        while (At(total - 1 - trail, intPart, frac) == '0') trail++;
        var n = total - lead - trail;
        var point = intPart.Length + exp - lead;
        integerDigits = Math.Max(0, point);
        fractionDigits = Math.Max(0, n - point);
        return true;
    }

    /// <summary>YYYY-[M]M-[D]D at the start of <paramref name="s"/>; returns the bytes used, or -1.</summary>
    public static int Date(ReadOnlySpan<byte> s)
    {
        if (s.Length < 8) return -1;
        for (var k = 0; k < 4; k++) if (!IsDigit(s[k])) return -1;
        var year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        if (s[4] != '-') return -1;
        var i = 5;
        if (!Digits(s, ref i, 1, 2, out var month) || i >= s.Length || s[i] != '-') return -1;
        i++;
        if (!Digits(s, ref i, 1, 2, out var day)) return -1;
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > System.DateTime.DaysInMonth(year, month)) return -1;
        return i;
    }

    /// <summary>[H]H:[M]M:[S]S[.F...] at the start; returns bytes used or -1 and the fraction digit count.</summary>
    public static int Time(ReadOnlySpan<byte> s, out int fractionDigits)
    {
        fractionDigits = 0;
        var i = 0;
        if (!Digits(s, ref i, 1, 2, out var h) || i >= s.Length || s[i] != ':') return -1;
        i++;
        if (!Digits(s, ref i, 1, 2, out var m) || i >= s.Length || s[i] != ':') return -1;
        i++;
        if (!Digits(s, ref i, 1, 2, out var sec)) return -1;
        if (h > 23 || m > 59 || sec > 59) return -1;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var fs = i;
            while (i < s.Length && IsDigit(s[i])) i++;
            fractionDigits = i - fs;
            if (fractionDigits == 0) return -1;
        }
        return i;
    }

    public static Result DateOnly(ReadOnlySpan<byte> s) => Date(s) == s.Length ? Result.Ok : Result.Invalid;

    public static Result TimeOnly(ReadOnlySpan<byte> s, out int fractionDigits) =>
        Time(s, out fractionDigits) == s.Length ? Result.Ok : Result.Invalid;

    /// <summary>Date, optionally followed by (space|T) and a time. No zone.</summary>
    public static Result DateTimeText(ReadOnlySpan<byte> s, out int fractionDigits)
    {
        fractionDigits = 0;
        var d = Date(s);
        if (d < 0) return Result.Invalid;
        if (d == s.Length) return Result.Ok;
        if (s[d] is not ((byte)' ' or (byte)'T' or (byte)'t')) return Result.Invalid;
        var t = Time(s[(d + 1)..], out fractionDigits);
        return t >= 0 && d + 1 + t == s.Length ? Result.Ok : Result.Invalid;
    }

    /// <summary>Date [(space|T) time] [space] [zone], zone being Z, UTC, ±H[H][:MM], ±HHMM or an IANA name.</summary>
    public static Result Timestamp(ReadOnlySpan<byte> s, out int fractionDigits)
    {
        fractionDigits = 0;
        var d = Date(s);
        if (d < 0) return Result.Invalid;
        var i = d;
        if (i < s.Length && s[i] is (byte)' ' or (byte)'T' or (byte)'t')
        {
            var t = Time(s[(i + 1)..], out fractionDigits);
            if (t >= 0) i += 1 + t;
            else if (s[i] != ' ') return Result.Invalid;
        }
        if (i == s.Length) return Result.Ok;
        var zone = s[i..];
        if (zone[0] == ' ') zone = zone[1..];
        return Zone(zone) ? Result.Ok : Result.Invalid;
    }

    private static bool Zone(ReadOnlySpan<byte> z)
    {
        if (z.IsEmpty) return false;
        if (z.Length == 1 && (z[0] | 0x20) == 'z') return true;
        if (Ascii.EqualsIgnoreCase(z, "UTC"u8)) return true;
        if (z[0] is (byte)'+' or (byte)'-')
        {
            var i = 1;
            if (!Digits(z, ref i, 1, 2, out var h) || h > 14) return false;
            if (i == z.Length) return true;
            if (z[i] == ':') i++;
            return Digits(z, ref i, 2, 2, out var m) && m < 60 && i == z.Length;
        }
        // tz database names (Asia/Tokyo, EST): checked against the system's database, cached per name.
        if (!char.IsAsciiLetter((char)z[0])) return false;
        foreach (var b in z) if (!(char.IsAsciiLetterOrDigit((char)b) || b is (byte)'/' or (byte)'_' or (byte)'-' or (byte)'+')) return false;
        return ZoneNames.IsKnown(System.Text.Encoding.ASCII.GetString(z));
    }

    private static class ZoneNames
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Known = new();
        public static bool IsKnown(string name) => Known.GetOrAdd(name, n => TimeZoneInfo.TryFindSystemTimeZoneById(n, out _));
    }

    private static bool Digits(ReadOnlySpan<byte> s, ref int i, int min, int max, out int value)
    {
        value = 0;
        var start = i;
        while (i < s.Length && i - start < max && IsDigit(s[i])) value = value * 10 + (s[i++] - '0');
        return i - start >= min;
    }

    public static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary>Epoch seconds (number, possibly fractional) within years 0001..9999.</summary>
    public static bool EpochSeconds(double seconds) => seconds >= -62135596800.0 && seconds < 253402300800.0;

    public static bool Base64(ReadOnlySpan<byte> s) => System.Buffers.Text.Base64.IsValid(s);
}
