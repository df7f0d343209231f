using System.Text.Json.Serialization;

namespace Ops.Aurora;

/// <summary>
/// One attempt of a probe loop: when it was due and when it started, what the endpoint resolved to,
/// how long each phase took, how it ended and which instance answered.
/// </summary>
public sealed record ProbeAttempt
{
    public required ProbeRole Role { get; init; }
    public required int Sequence { get; init; }
    public required DateTimeOffset ScheduledAt { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required AttemptOutcome Outcome { get; init; }
    public string[] ResolvedAddresses { get; init; } = [];
    /// <summary>ip:port the TCP connection went to (null when connect failed before choosing one).</summary>
    public string? ConnectedTo { get; init; }
    public double? ResolveMs { get; init; }
    public double? ConnectMs { get; init; }
    /// <summary>Server greeting and TLS, up to sending the credentials.</summary>
    public double? HandshakeMs { get; init; }
    /// <summary>Credentials sent to the server's OK (auth switches included).</summary>
    public double? AuthMs { get; init; }
    public double? QueryMs { get; init; }
    public double TotalMs { get; init; }
    public int? ErrorCode { get; init; }
    public string? SqlState { get; init; }
    public string? Message { get; init; }
    public AnsweringInstance? Instance { get; init; }

    [JsonIgnore]
    public bool IsOk => Outcome == AttemptOutcome.Ok;

    /// <summary>How late the attempt started against its schedule.</summary>
    [JsonIgnore]
    public TimeSpan Lateness => StartedAt - ScheduledAt;
}
