namespace Ops.Display;

/// <summary>Series colours (the common tab10 set): distinct, readable on white, same order every run.</summary>
internal static class ChartPalette
{
    private static readonly string[] Colors =
    {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    };

    public static string For(Chart chart, int seriesIndex) =>
        chart.Series[seriesIndex].Color ?? Colors[seriesIndex % Colors.Length];
}
