namespace Ops.Display;

/// <summary>An event at one x drawn as a vertical line with a label: a kill, a deploy, a failover.</summary>
public sealed record ChartMarker(ChartX At, string Label);
