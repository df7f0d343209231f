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

    /// <summary>Parses <c>FROM..TO</c> (either side may be empty; <c>yyyy-MM-dd HH:mm:ss</c> or ISO 8601).</summary>
    public static (DateTime? From, DateTime? To) ParseWindow(string window)
    {
        var parts = window.Split("..");
        if (parts.Length != 2) throw new FormatException($"window '{window}' is not FROM..TO (e.g. 2019-06-14T23:50..2019-06-15T00:10)");
        static DateTime? Side(string s, string window)
        {
            s = s.Trim();
            if (s.Length == 0) return null;
            return DateTime.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t)
                ? t : throw new FormatException($"window '{window}': '{s}' is not a date and time (use yyyy-MM-ddTHH:mm[:ss])");
        }
        var from = Side(parts[0], window);
        var to = Side(parts[1], window);
        if (from is not null && to is not null && to <= from) throw new FormatException($"window '{window}' ends before it starts");
        return (from, to);
    }
}
