namespace Ops.Display;

/// <summary>How a series is drawn. Step holds each value until the next sample (counters, states).</summary>
public enum ChartKind { Line, Step, Bar, Scatter }
