using System.Globalization;

namespace Ops.Memory;

/// <summary>A point of a memory chart series.</summary>
public readonly record struct MemoryPoint(DateTime Time, double Value);

/// <summary>One line of the memory chart; <see cref="SecondAxis"/> series (requests) use the right axis.</summary>
public sealed record MemorySeries(string Name, string Host, IReadOnlyList<MemoryPoint> Points, bool SecondAxis = false);

/// <summary>A kill or a sudden drop marked on a host's line.</summary>
public sealed record MemoryMarker(string Kind, string Host, DateTime Time, double ValueMb, string Label);

/// <summary>
/// What the memory charts draw: free and available memory per host over time (each bucket keeps
/// its lowest value so a drop is never smoothed away), kills and sudden drops as markers, requests
/// per minute on a second axis, and hosts ranked by anomaly score.
/// </summary>
public sealed record MemoryChartData(
    IReadOnlyList<MemorySeries> Series,
    IReadOnlyList<MemoryMarker> Markers,
    IReadOnlyList<(string Host, double AnomalyScore)> Ranking)
{
    public static MemoryChartData From(TriageResult result, int maxPointsPerHost = 600)
    {
        var series = new List<MemorySeries>();
        foreach (var s in result.Series)
        {
            series.Add(new MemorySeries($"{s.Host} free MB", s.Host, Downsample(s.Times, s.FreeKb, maxPointsPerHost)));
            series.Add(new MemorySeries($"{s.Host} available MB", s.Host, Downsample(s.Times, s.AvailableKb, maxPointsPerHost)));
        }
        if (result.Requests.Count > 0)
            series.Add(new MemorySeries("requests/min", "", result.Requests.Select(r => new MemoryPoint(r.Minute, r.Count)).ToList(), SecondAxis: true));

        var markers = new List<MemoryMarker>();
        foreach (var d in result.SuddenDrops)
            markers.Add(new MemoryMarker("drop", d.Host, d.End, Math.Round(d.ToMb, 1),
                string.Create(CultureInfo.InvariantCulture, $"-{d.DropMb:0} MB")));
        foreach (var k in result.Kills)
            markers.Add(new MemoryMarker("kill", k.Host, k.At, k.System is { } sys ? Math.Round(sys.FreeMb, 1) : double.NaN,
                "kill " + string.Join(",", k.Killed.Select(p => p.Pid.ToString(CultureInfo.InvariantCulture)))));
        var ranking = result.Hosts.Select(h => (h.Host, h.AnomalyScore)).ToList();
        return new MemoryChartData(series, markers.OrderBy(m => m.Time).ToList(), ranking);
    }

    /// <summary>At most <paramref name="max"/> points: the minimum of each equal-width time bucket.</summary>
    internal static List<MemoryPoint> Downsample(ReadOnlySpan<DateTime> times, ReadOnlySpan<long> kb, int max)
    {
        var points = new List<MemoryPoint>(Math.Min(times.Length, max));
        if (times.Length == 0) return points;
        if (times.Length <= max)
        {
            for (var i = 0; i < times.Length; i++) points.Add(new MemoryPoint(times[i], Math.Round(kb[i] / 1024.0, 1)));
            return points;
        }
        var t0 = times[0].Ticks;
        var width = Math.Max(1, (times[^1].Ticks - t0) / max + 1);
        var bucket = -1L;
        var low = long.MaxValue;
        var lowAt = 0;
        for (var i = 0; i < times.Length; i++)
        {
            var b = (times[i].Ticks - t0) / width;
            if (b != bucket)
            {
                if (bucket >= 0) points.Add(new MemoryPoint(times[lowAt], Math.Round(low / 1024.0, 1)));
                bucket = b; low = long.MaxValue;
            }
            if (kb[i] < low) { low = kb[i]; lowAt = i; }
        }
        points.Add(new MemoryPoint(times[lowAt], Math.Round(low / 1024.0, 1)));
        return points;
    }
}
