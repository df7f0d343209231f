namespace Ops.Memory;

/// <summary>Thresholds of the triage; the defaults suit web servers with a few GB of memory.</summary>
public sealed record TriageOptions
{
    /// <summary>Only samples, kills and requests with From ≤ time &lt; To count (null: everything).</summary>
    public DateTime? From { get; init; }
    public DateTime? To { get; init; }

    /// <summary>A sudden drop: free memory falling by more than this many MB ...</summary>
    public double DropThresholdMb { get; init; } = 200;

    /// <summary>... within this window.</summary>
    public TimeSpan DropWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Used memory growing faster than this (MB per hour, from a straight-line fit) is creep.</summary>
    public double CreepMbPerHour { get; init; } = 300;

    /// <summary>|Pearson r| of memory use against requests per minute at or above which memory follows traffic.</summary>
    public double TrafficCorrelation { get; init; } = 0.7;

    /// <summary>Robust z-score above which a host is unlike the others.</summary>
    public double OutlierScore { get; init; } = 3.5;

    /// <summary>
    /// Parses <c>FROM..TO</c>; either side may be empty. A side is a date and time
    /// (<c>2019-06-14T23:50</c>, <c>2019-06-14 23:50:00</c>) or a time of day (<c>23:50</c>): FROM as a time of
    /// day is its last occurrence before TO (or at or before <paramref name="dataEnd"/>, the last sample), TO as
    /// a time of day its first occurrence after FROM, so <c>23:50..00:10</c> crosses midnight.
    /// </summary>
    public static (DateTime? From, DateTime? To) ParseWindow(string window, DateTime? dataEnd = null)
    {
        var parts = window.Split("..");
        if (parts.Length != 2) throw new FormatException($"window '{window}' is not FROM..TO (e.g. 2019-06-14T23:50..2019-06-15T00:10 or 23:50..00:10)");
        var (from, fromTime) = Side(parts[0], window);
        var (to, toTime) = Side(parts[1], window);
        if ((fromTime is not null && to is null || toTime is not null && from is null) && dataEnd is null)
            throw new FormatException($"window '{window}' uses a time of day but there is no data to take the date from; give yyyy-MM-ddTHH:mm");
        if (fromTime is TimeSpan ft)
        {
            if (to is DateTime t) from = LastBefore(ft, t, inclusive: false);
            else
            {
                from = LastBefore(ft, dataEnd!.Value, inclusive: true);
                if (toTime is TimeSpan tt0) to = FirstAfter(tt0, from.Value);
            }
        }
        if (toTime is TimeSpan tt && to is null)
            to = from is DateTime f ? FirstAfter(tt, f) : LastBefore(tt, dataEnd!.Value, inclusive: true);
        if (from is not null && to is not null && to <= from) throw new FormatException($"window '{window}' ends before it starts");
        return (from, to);
    }

    private static DateTime LastBefore(TimeSpan timeOfDay, DateTime limit, bool inclusive)
    {
        var t = limit.Date + timeOfDay;
        return t < limit || inclusive && t == limit ? t : t.AddDays(-1);
    }

    private static DateTime FirstAfter(TimeSpan timeOfDay, DateTime start)
    {
        var t = start.Date + timeOfDay;
        return t > start ? t : t.AddDays(1);
    }

    private static readonly string[] TimeOfDayFormats = ["H:mm", "HH:mm", "H:mm:ss", "HH:mm:ss"];

    private static (DateTime? Value, TimeSpan? TimeOfDay) Side(string s, string window)
    {
        s = s.Trim();
        if (s.Length == 0) return (null, null);
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (DateTime.TryParseExact(s, TimeOfDayFormats, culture, System.Globalization.DateTimeStyles.NoCurrentDateDefault, out var time))
            return (null, time.TimeOfDay);
        return DateTime.TryParse(s, culture, System.Globalization.DateTimeStyles.None, out var t)
            ? (t, null) : throw new FormatException($"window '{window}': '{s}' is not a date and time (use yyyy-MM-ddTHH:mm[:ss] or HH:mm)");
    }
}
