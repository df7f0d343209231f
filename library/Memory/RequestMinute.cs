namespace Ops.Memory;

/// <summary>Requests that started in one minute: how many, and their mean and 95th percentile response time.</summary>
public sealed record RequestMinute(DateTime Minute, int Count, double MeanSeconds, double P95Seconds);
