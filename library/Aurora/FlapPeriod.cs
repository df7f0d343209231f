namespace Ops.Aurora;

/// <summary>Successes inside an outage that did not last (the reader endpoint alternating between instances).</summary>
public sealed record FlapPeriod(DateTimeOffset Start, DateTimeOffset End, int Successes);
