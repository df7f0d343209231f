using System.Globalization;

namespace Ops.Memory;

/// <summary>Whitespace-separated fields of one line, read without allocating.</summary>
internal ref struct Fields
{
    private ReadOnlySpan<char> _rest;

    public Fields(ReadOnlySpan<char> line) => _rest = line;

    /// <summary>The next field, or false at the end of the line.</summary>
    public bool Next(out ReadOnlySpan<char> field)
    {
        var i = 0;
        while (i < _rest.Length && IsSpace(_rest[i])) i++;
        if (i == _rest.Length) { field = default; _rest = default; return false; }
        var j = i;
        while (j < _rest.Length && !IsSpace(_rest[j])) j++;
        field = _rest[i..j];
        _rest = _rest[j..];
        return true;
    }

    /// <summary>What is left of the line after the fields read so far, trimmed.</summary>
    public ReadOnlySpan<char> Rest => _rest.Trim();

    public static bool IsSpace(char c) => c == ' ' || c == '\t';

    /// <summary>Parses an unsigned decimal integer (the only kind vmstat prints).</summary>
    public static bool TryLong(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 18) return false;
        foreach (var c in s)
        {
            var d = c - '0';
            if ((uint)d > 9) return false;
            value = value * 10 + d;
        }
        return true;
    }

    public static bool TryDouble(ReadOnlySpan<char> s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Two-digit number at <paramref name="at"/>, or -1.</summary>
    public static int Digits2(ReadOnlySpan<char> s, int at)
    {
        var a = s[at] - '0'; var b = s[at + 1] - '0';
        return (uint)a > 9 || (uint)b > 9 ? -1 : a * 10 + b;
    }

    /// <summary>HH:MM:SS as seconds since midnight, or -1.</summary>
    public static int TimeOfDay(ReadOnlySpan<char> s)
    {
        if (s.Length != 8 || s[2] != ':' || s[5] != ':') return -1;
        int h = Digits2(s, 0), m = Digits2(s, 3), sec = Digits2(s, 6);
        if (h < 0 || m < 0 || sec < 0 || h > 23 || m > 59 || sec > 60) return -1;
        return h * 3600 + m * 60 + Math.Min(sec, 59);
    }
}
