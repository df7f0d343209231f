namespace Ops.Aurora;

/// <summary>One attempt as a chart point: seconds since the run started, outcome (the colour) and latency.</summary>
public sealed record OutcomePoint(ProbeRole Role, double Seconds, AttemptOutcome Outcome, double TotalMs);
