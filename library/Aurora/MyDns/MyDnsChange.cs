namespace Ops.Aurora.MyDns;

/// <summary>What a change does to the record table.</summary>
public enum MyDnsChangeKind
{
    /// <summary>Point the writer record at another instance (REPLACE).</summary>
    ReplaceWriter,
    /// <summary>Change the weight of one reader entry.</summary>
    SetWeight,
    /// <summary>An instance the reader record does not list yet.</summary>
    AddReader,
}

/// <summary>One record change the checker wants, with the reason an operator reads in the log.</summary>
public sealed record MyDnsChange(MyDnsChangeKind Kind, string Name, string Instance, string? PreviousInstance, int? PreviousWeight, int Weight, string Reason)
{
    public override string ToString() => Kind switch
    {
        MyDnsChangeKind.ReplaceWriter => $"{Name}: {PreviousInstance} -> {Instance} ({Reason})",
        MyDnsChangeKind.AddReader => $"{Name}: add {Instance} weight {Weight} ({Reason})",
        _ => $"{Name}: {Instance} weight {PreviousWeight} -> {Weight} ({Reason})",
    };
}
