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
}

/// <summary>The bindings a walk collected, why it stopped, and how many PDUs it took.</summary>
public sealed record WalkResult(Oid Root, IReadOnlyList<VarBind> VarBinds, WalkEnd End, int Requests, string? Problem)
{
    /// <summary>net-snmp-style lines, one per binding (<c>iso.3.6.1... = STRING: "AP1"</c>).</summary>
    public IEnumerable<string> Lines => VarBinds.Select(v => v.ToString());
    public override string ToString() => string.Join('\n', Lines);
}
