namespace Ops.Aurora.MyDns;

/// <summary>The two record names the checker maintains (the seed's aurora-test-w and aurora-test-r).</summary>
public sealed record MyDnsEndpoints(string WriterName, string ReaderName, int FullWeight = 100);
