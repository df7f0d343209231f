namespace Ops.Snmp;

/// <summary>The msgVersion field: 0 for v1, 1 for v2c, 3 for v3.</summary>
public enum SnmpVersion
{
    V1 = 0,
    V2c = 1,
    V3 = 3,
}
