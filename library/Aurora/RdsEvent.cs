namespace Ops.Aurora;

/// <summary>One RDS event from <c>aws rds describe-events</c> ("Started cross AZ failover to DB instance: ...").</summary>
public sealed record RdsEvent(DateTimeOffset At, string SourceIdentifier, string Message, IReadOnlyList<string> Categories)
{
    public bool IsFailover => Categories.Contains("failover", StringComparer.OrdinalIgnoreCase)
        || Message.Contains("failover", StringComparison.OrdinalIgnoreCase);
}
