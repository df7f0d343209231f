namespace Ops.MySql;

/// <summary>How long each phase of a conversation took; null when the phase did not run.</summary>
public sealed record MySqlPhaseTimings
{
    public TimeSpan? Resolve { get; init; }
    public TimeSpan? Connect { get; init; }
    /// <summary>From TCP established to the final OK of authentication (TLS included).</summary>
    public TimeSpan? Handshake { get; init; }
}
