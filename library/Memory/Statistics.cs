namespace Ops.Memory;

/// <summary>The few statistics triage needs, written out so their definitions are visible.</summary>
public static class Statistics
{
    /// <summary>Nearest-rank percentile of an ascending list (p in 0..1).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Pearson correlation; NaN when either side is constant or fewer than 3 pairs.</summary>
    public static double Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var n = Math.Min(x.Count, y.Count);
        if (n < 3) return double.NaN;
        double mx = 0, my = 0;
        for (var i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n; my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - mx; var dy = y[i] - my;
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
        }
        return sxx <= 0 || syy <= 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Median of the values (NaN when empty).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).OrderBy(v => v).ToList();
        if (sorted.Count == 0) return double.NaN;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>
    /// Robust z-scores: |x − median| / (1.4826 × MAD). A value above 3.5 is an outlier (Iglewicz and
    /// Hoaglin). When the MAD is zero the mean absolute deviation stands in so one odd host still shows.
    /// </summary>
    public static double[] RobustZ(IReadOnlyList<double> values, double floor)
    {
        var median = Median(values);
        var mad = Median(values.Select(v => Math.Abs(v - median)));
        var scale = 1.4826 * mad;
        if (!(scale > 0)) scale = 1.2533 * values.Select(v => Math.Abs(v - median)).DefaultIfEmpty(0).Average();
        scale = Math.Max(scale, floor);
        return values.Select(v => Math.Abs(v - median) / scale).ToArray();
    }
}
