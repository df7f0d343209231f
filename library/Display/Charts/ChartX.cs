using System.Globalization;

namespace Ops.Display;

/// <summary>
/// An x value: a number or a point in time. Times from <see cref="DateTime"/> are taken as the
/// clock time given (no zone conversion), so a log in JST is charted in JST; times from
/// <see cref="DateTimeOffset"/> are placed by their instant and shown in their own offset.
/// Converts implicitly from numbers, DateTime and DateTimeOffset.
/// </summary>
public readonly record struct ChartX
{
    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;

    private ChartX(double value, bool isTime, TimeSpan offset, bool isZoned = false)
    {
        Value = value;
        IsTime = isTime;
        Offset = offset;
        IsZoned = isZoned;
    }

    /// <summary>The number, or for times the seconds since 1970-01-01 UTC (clock times: as if UTC).</summary>
    public double Value { get; }
    public bool IsTime { get; }
    /// <summary>The UTC offset a time was given in; zero for DateTime and numbers.</summary>
    public TimeSpan Offset { get; }
    /// <summary>True for times from DateTimeOffset (an instant), false for DateTime clock times.</summary>
    public bool IsZoned { get; }

    public static ChartX Number(double value) => new(value, false, TimeSpan.Zero);
    public static ChartX Time(DateTime clock) => new((clock.Ticks - EpochTicks) / (double)TimeSpan.TicksPerSecond, true, TimeSpan.Zero);
    public static ChartX Time(DateTimeOffset at) => new((at.UtcTicks - EpochTicks) / (double)TimeSpan.TicksPerSecond, true, at.Offset, isZoned: true);

    public static implicit operator ChartX(double value) => Number(value);
    public static implicit operator ChartX(int value) => Number(value);
    public static implicit operator ChartX(long value) => Number(value);
    public static implicit operator ChartX(DateTime clock) => Time(clock);
    public static implicit operator ChartX(DateTimeOffset at) => Time(at);

    /// <summary>The clock time of a time value shown in <paramref name="offset"/>.</summary>
    internal static DateTime ToClock(double seconds, TimeSpan offset)
    {
        var ticks = EpochTicks + (long)Math.Round(seconds * TimeSpan.TicksPerSecond) + offset.Ticks;
        return new DateTime(Math.Clamp(ticks, DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Unspecified);
    }

    public override string ToString() => IsTime
        ? ToClock(Value, Offset).ToString("yyyy-MM-dd HH:mm:ss.FFF", CultureInfo.InvariantCulture).TrimEnd('.')
        : Value.ToString("R", CultureInfo.InvariantCulture);
}
