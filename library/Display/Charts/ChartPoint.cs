namespace Ops.Display;

/// <summary>One sample of a series. A NaN or infinite Y is a gap (lines break there).</summary>
public readonly record struct ChartPoint(ChartX X, double Y);
