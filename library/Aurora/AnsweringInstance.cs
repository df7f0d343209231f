using System.Text.Json.Serialization;

namespace Ops.Aurora;

/// <summary>The instance that answered an attempt, from <c>@@hostname</c>, <c>@@port</c>, <c>@@server_id</c> and the read-only flags.</summary>
public sealed record AnsweringInstance(string Hostname, int? Port, long? ServerId, bool? ReadOnly, bool? InnodbReadOnly)
{
    /// <summary>Aurora uses innodb_read_only for replicas; MySQL/MariaDB replicas use read_only.</summary>
    [JsonIgnore]
    public bool IsReadOnly => InnodbReadOnly == true || ReadOnly == true;

    /// <summary>A short name: the hostname, with port and server id when they tell instances on one host apart.</summary>
    [JsonIgnore]
    public string Name => Port is null ? Hostname : $"{Hostname}:{Port}";

    public override string ToString() => $"{Name} ({(IsReadOnly ? "read-only" : "writable")})";
}
