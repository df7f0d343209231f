namespace Ops.Snmp;

/// <summary>Why a walk stopped.</summary>
public enum WalkEnd
{
    /// <summary>The next OID left the requested subtree.</summary>
    EndOfSubtree,
    /// <summary>The agent returned endOfMibView (or noSuchName for v1).</summary>
    EndOfMibView,
    /// <summary>The agent returned an OID not after the previous one; walking on would loop.</summary>
    NonIncreasingOid,
    /// <summary>The row limit was reached.</summary>
    RowLimit,
    /// <summary>The agent answered noSuchObject or noSuchInstance inside the subtree.</summary>
    NoSuchObjectOrInstance,
}

/// <summary>The bindings a walk collected, why it stopped, and how many PDUs it took.</summary>
public sealed record WalkResult(Oid Root, IReadOnlyList<VarBind> VarBinds, WalkEnd End, int Requests, string? Problem)
{
    /// <summary>
    /// The exception bindings (endOfMibView, noSuchObject, noSuchInstance) the agent returned inside the
    /// subtree in the response that ended the walk, in order. Not in <see cref="VarBinds"/> (they carry
    /// no data) but printed after them, as snmpbulkwalk prints them.
    /// </summary>
    public IReadOnlyList<VarBind> Exceptions { get; init; } = [];

    /// <summary>net-snmp-style lines, one per binding (<c>iso.3.6.1... = STRING: "AP1"</c>), then the exceptions.</summary>
    public IEnumerable<string> Lines => VarBinds.Concat(Exceptions).Select(v => v.ToString());

    /// <summary>The lines of <c>snmpbulkwalk -On</c>: numeric OIDs, OID values numeric too.</summary>
    public IEnumerable<string> NumericLines => VarBinds.Concat(Exceptions).Select(v => v.ToNumericString());

    public override string ToString() => string.Join('\n', Lines);
}
