namespace Ops.Aurora;

/// <summary>Mean, median and max of one role's downtimes over several trials.</summary>
public sealed record DowntimeSummary(int Trials, double Mean, double Median, double Max)
{
    public static DowntimeSummary Of(IEnumerable<double> seconds)
    {
        var values = seconds.Order().ToArray();
        if (values.Length == 0) return new DowntimeSummary(0, 0, 0, 0);
        var median = values.Length % 2 == 1
            ? values[values.Length / 2]
            : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
        return new DowntimeSummary(values.Length, Math.Round(values.Average(), 3), Math.Round(median, 3), values[^1]);
    }
}
