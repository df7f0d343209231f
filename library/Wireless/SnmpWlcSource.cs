using Ops.Snmp;

namespace Ops.Wireless;

/// <summary>A live controller reached with our SNMP client.</summary>
public sealed class SnmpWlcSource(string name, SnmpClient client, bool usesCli = false, int maxRepetitions = 50) : IWlcSource
{
    public string Name { get; } = name;
    public bool UsesCli { get; } = usesCli;
    public SnmpClient Client { get; } = client;
    public int Requests => Client.RequestsSent;

    public Task<IReadOnlyList<WalkResult>> WalkColumnsAsync(IReadOnlyList<Oid> columns, int maxRows, CancellationToken cancellationToken = default) =>
        Client.WalkColumnsAsync(columns, Math.Min(maxRepetitions, maxRows), maxRows, cancellationToken);

    public Task<IReadOnlyList<VarBind>> GetAsync(IReadOnlyList<Oid> oids, CancellationToken cancellationToken = default) =>
        Client.GetAsync(oids, cancellationToken);

    public async Task SetAsync(IReadOnlyList<VarBind> varBinds, CancellationToken cancellationToken = default) =>
        await Client.SetAsync(varBinds, cancellationToken).ConfigureAwait(false);

    public ValueTask DisposeAsync() => Client.DisposeAsync();

    public override string ToString() => $"{Name} at {Client.Target}";
}
