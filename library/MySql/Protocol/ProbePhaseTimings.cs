namespace Ops.MySql.Protocol;

/// <summary>How long each phase of a probe connection took; null when the phase did not run.</summary>
internal sealed record ProbePhaseTimings
{
    public TimeSpan? Resolve { get; init; }
    public TimeSpan? Connect { get; init; }
    /// <summary>From TCP established to sending the credentials: the server greeting and TLS.</summary>
    public TimeSpan? Handshake { get; init; }
    /// <summary>From sending the credentials to the server's OK (auth switches and RSA exchanges included).</summary>
    public TimeSpan? Authentication { get; init; }
}
