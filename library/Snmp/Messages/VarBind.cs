namespace Ops.Snmp;

/// <summary>One variable binding: an OID and its value.</summary>
public sealed record VarBind(Oid Oid, SnmpValue Value)
{
    /// <summary>A binding with a NULL value, as sent in GET requests.</summary>
    public VarBind(Oid oid) : this(oid, SnmpValue.Null) { }

    /// <summary>net-snmp's line without MIBs: <c>iso.3.6.1.2.1.1.5.0 = STRING: "host"</c>.</summary>
    public override string ToString() => Oid.ToNetSnmpString() + " = " + Value;

    /// <summary>net-snmp's <c>-On</c> line: <c>.1.3.6.1.2.1.1.5.0 = STRING: "host"</c>.</summary>
    public string ToNumericString() => Oid.ToNumericString() + " = " + Value.ToNumericString();
}
