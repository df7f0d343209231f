namespace Ops.Display;

/// <summary>
/// Cuts a long series down for the plotly figure (which is stored in the notebook) while keeping
/// what an investigation looks for: per x bucket the first, lowest, highest and last sample, so
/// sudden drops survive. Gaps (non-finite y) are kept as gaps. Unsorted series are left alone.
/// </summary>
internal static class ChartThinning
{
    public const int MaxPlotlyPoints = 10_000;

    public static IReadOnlyList<ChartPoint> MinMax(IReadOnlyList<ChartPoint> points, int maxPoints = MaxPlotlyPoints)
    {
        if (points.Count <= maxPoints) return points;
        for (var i = 1; i < points.Count; i++)
            if (points[i].X.Value < points[i - 1].X.Value) return points;
        var first = points[0].X.Value;
        var span = points[^1].X.Value - first;
        if (!(span > 0) || !double.IsFinite(span)) return points;

        var buckets = maxPoints / 4;
        var result = new List<ChartPoint>(maxPoints + 16);
        var bucket = new List<ChartPoint>();
        var current = -1L;
        void Flush()
        {
            if (bucket.Count <= 4) { result.AddRange(bucket); bucket.Clear(); return; }
            var low = bucket.MinBy(p => p.Y);
            var high = bucket.MaxBy(p => p.Y);
            var keep = new List<ChartPoint> { bucket[0] };
            foreach (var p in bucket.IndexOf(low) < bucket.IndexOf(high) ? new[] { low, high } : new[] { high, low })
                if (!keep.Contains(p)) keep.Add(p);
            if (!keep.Contains(bucket[^1])) keep.Add(bucket[^1]);
            result.AddRange(keep);
            bucket.Clear();
        }
        foreach (var p in points)
        {
            if (!double.IsFinite(p.Y))
            {
                Flush();
                // One gap marker is enough to break the line.
                if (result.Count == 0 || double.IsFinite(result[^1].Y)) result.Add(p);
                continue;
            }
            var index = (long)Math.Min(buckets - 1, Math.Floor((p.X.Value - first) / span * buckets));
            if (index != current) { Flush(); current = index; }
            bucket.Add(p);
        }
        Flush();
        return result;
    }
}
