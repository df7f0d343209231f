namespace Ops.Aurora.MyDns;

/// <summary>One weighted DNS record: endpoint name (aurora-test-w), target instance, weight (0 takes it out of rotation).</summary>
public sealed record MyDnsRecord(string Name, string Instance, int Weight);
