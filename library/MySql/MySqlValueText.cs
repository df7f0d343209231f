using System.Globalization;
using System.Text;
using MySqlConnector;

namespace Ops.MySql;

/// <summary>
/// A typed value as the <c>mariadb</c>/<c>mysql</c> client prints it (the text protocol's form):
/// dates by column type and precision, zero dates as <c>0000-00-00</c>, YEAR in four digits, BIT and binary values as
/// <c>0x</c> hex (the client would print raw bytes), NULL as null.
/// </summary>
public static class MySqlValueText
{
    /// <summary>Binary values longer than this are shown cut, with their length.</summary>
    public const int MaxShownBytes = 64;

    public static string? Format(object? value, MySqlColumn column) => value switch
    {
        null or DBNull => null,
        string s => s,
        byte[] b => Hex(b),
        bool flag => flag ? "1" : "0",
        ulong bits when column.TypeName.Equals("BIT", StringComparison.OrdinalIgnoreCase) => "0x" + bits.ToString("X", CultureInfo.InvariantCulture),
        // YEAR is always four digits (0000 for the zero year).
        int year when column.TypeName.Equals("YEAR", StringComparison.OrdinalIgnoreCase) => year.ToString("0000", CultureInfo.InvariantCulture),
        DateTime d => Date(d.Year, d.Month, d.Day, d.TimeOfDay, column),
        MySqlDateTime d => Date(d.Year, d.Month, d.Day, new TimeSpan(0, d.Hour, d.Minute, d.Second) + TimeSpan.FromTicks(d.Microsecond * 10L), column),
        TimeSpan t => Time(t, column.Decimals),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary><c>0x</c> and upper-case hex, cut after <see cref="MaxShownBytes"/> with the full length.</summary>
    public static string Hex(byte[] bytes) => bytes.Length <= MaxShownBytes
        ? "0x" + Convert.ToHexString(bytes)
        : "0x" + Convert.ToHexString(bytes, 0, MaxShownBytes) + $"... ({bytes.Length} bytes)";

    private static string Date(int year, int month, int day, TimeSpan time, MySqlColumn column)
    {
        var date = string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{month:00}-{day:00}");
        return column.TypeName.Equals("DATE", StringComparison.OrdinalIgnoreCase) || column.TypeName.Equals("NEWDATE", StringComparison.OrdinalIgnoreCase)
            ? date
            : date + " " + Time(time, column.Decimals);
    }

    private static string Time(TimeSpan t, int decimals)
    {
        var sb = new StringBuilder();
        if (t < TimeSpan.Zero) { sb.Append('-'); t = t.Negate(); }
        sb.Append(((long)t.TotalHours).ToString("00", CultureInfo.InvariantCulture)).Append(':')
          .Append(t.Minutes.ToString("00", CultureInfo.InvariantCulture)).Append(':')
          .Append(t.Seconds.ToString("00", CultureInfo.InvariantCulture));
        if (decimals is > 0 and <= 6)
            sb.Append('.').Append((t.Ticks % TimeSpan.TicksPerSecond / 10).ToString("000000", CultureInfo.InvariantCulture)[..decimals]);
        return sb.ToString();
    }
}
