namespace Ops.Aurora;

/// <summary>The endpoint resolved to a different address set from this attempt on.</summary>
public sealed record DnsChange(DateTimeOffset At, string[] From, string[] To)
{
    public override string ToString() => $"{At:HH:mm:ss.fff} {string.Join(",", From)} -> {string.Join(",", To)}";
}
