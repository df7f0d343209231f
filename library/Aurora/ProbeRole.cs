namespace Ops.Aurora;

/// <summary>Which endpoint a probe loop targets: the cluster (writer) or the reader endpoint.</summary>
public enum ProbeRole
{
    Writer,
    Reader,
}
