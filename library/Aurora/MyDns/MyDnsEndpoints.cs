namespace Ops.Aurora.MyDns;

/// <summary>The two record names the checker maintains (aurora-test-w and aurora-test-r in docs/background.md).</summary>
public sealed record MyDnsEndpoints(string WriterName, string ReaderName, int FullWeight = 100);
