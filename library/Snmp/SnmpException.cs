namespace Ops.Snmp;

/// <summary>An SNMP operation that failed; the message names the agent and, where known, the OID.</summary>
public class SnmpException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>No valid response within the timeout and retries.</summary>
public sealed class SnmpTimeoutException(string message) : SnmpException(message);

/// <summary>The agent answered with a non-zero error-status.</summary>
public sealed class SnmpErrorException(string message, ErrorStatus status, int index, Oid? oid) : SnmpException(message)
{
    public ErrorStatus Status { get; } = status;
    public int Index { get; } = index;
    public Oid? Oid { get; } = oid;
}
