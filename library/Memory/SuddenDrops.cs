namespace Ops.Memory;

/// <summary>Finds falls of free memory larger than a threshold within a short window.</summary>
public static class SuddenDrops
{
    /// <summary>
    /// A sample is part of a drop when free memory is more than <paramref name="thresholdMb"/> below the
    /// highest sample of the preceding <paramref name="window"/>; the drop runs from that high point to
    /// the lowest sample, and drops that touch or overlap are one drop.
    /// </summary>
    public static IReadOnlyList<SuddenDrop> Find(HostSeries series, double thresholdMb, TimeSpan window)
    {
        var drops = new List<SuddenDrop>();
        var times = series.Times;
        var free = series.FreeKb;
        var threshold = (long)(thresholdMb * 1024);
        var windowTicks = window.Ticks;
        // Indices of the window's samples with decreasing free memory: the front is the window's maximum.
        var deque = new int[Math.Max(1, times.Length)];
        int head = 0, tail = 0;
        int start = -1, end = -1, low = -1;
        for (var i = 0; i < times.Length; i++)
        {
            var oldest = times[i].Ticks - windowTicks;
            while (head < tail && times[deque[head]].Ticks < oldest) head++;
            if (head < tail)
            {
                var peak = deque[head];
                if (free[peak] - free[i] > threshold)
                {
                    if (start >= 0 && peak <= end)
                    {
                        end = i;
                        if (free[i] < free[low]) low = i;
                    }
                    else
                    {
                        if (start >= 0) drops.Add(Make(series.Host, times, free, start, low));
                        start = peak; end = i; low = i;
                    }
                }
            }
            while (head < tail && free[deque[tail - 1]] <= free[i]) tail--;
            deque[tail++] = i;
        }
        if (start >= 0) drops.Add(Make(series.Host, times, free, start, low));
        return drops;
    }

    private static SuddenDrop Make(string host, ReadOnlySpan<DateTime> times, ReadOnlySpan<long> free, int start, int low) =>
        new(host, times[start], times[low], free[start] / 1024.0, free[low] / 1024.0);
}
