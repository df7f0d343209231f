namespace Ops.Aurora.MyDns;

/// <summary>What the checker saw of one instance: did it answer, and its <c>innodb_read_only</c> (last known when it did not answer).</summary>
public sealed record InstanceObservation(string Instance, bool Responding, bool? InnodbReadOnly)
{
    /// <summary>Answering and writable: the writer candidate.</summary>
    public bool IsWritable => Responding && InnodbReadOnly == false;
    /// <summary>Answering and read-only: a reader that can take traffic.</summary>
    public bool IsServingReader => Responding && InnodbReadOnly == true;
}
