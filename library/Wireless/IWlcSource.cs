using Ops.Snmp;

namespace Ops.Wireless;

/// <summary>
/// Where a controller's AIRESPACE data comes from: a live agent over SNMP or a recording read
/// offline. Every WLC operation goes through this, so an investigation replays exactly.
/// </summary>
public interface IWlcSource : IAsyncDisposable
{
    /// <summary>The controller's name in the inventory (WLC1).</summary>
    string Name { get; }

    /// <summary>True when channel changes must be done by an operator with AireOS CLI commands, not SNMP SET.</summary>
    bool UsesCli { get; }

    /// <summary>
    /// Walks the given columns (of one table) together; one result per column in the same order. A
    /// column stops at <paramref name="maxRows"/> rows, and its result says so.
    /// </summary>
    Task<IReadOnlyList<WalkResult>> WalkColumnsAsync(IReadOnlyList<Oid> columns, int maxRows, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<VarBind>> GetAsync(IReadOnlyList<Oid> oids, CancellationToken cancellationToken = default);

    Task SetAsync(IReadOnlyList<VarBind> varBinds, CancellationToken cancellationToken = default);

    /// <summary>Request PDUs sent so far (zero for a recording).</summary>
    int Requests { get; }
}
