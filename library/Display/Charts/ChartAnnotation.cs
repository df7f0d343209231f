namespace Ops.Display;

/// <summary>Text placed at a data point, e.g. "drop of 600 MB". On the right axis when <paramref name="OnSecondAxis"/>.</summary>
public sealed record ChartAnnotation(ChartX X, double Y, string Text, bool OnSecondAxis = false);
