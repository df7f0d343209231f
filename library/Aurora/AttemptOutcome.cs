using Ops.MySql;

namespace Ops.Aurora;

/// <summary>How one probe attempt ended. Serialized snake_case (<c>read_only</c>).</summary>
public enum AttemptOutcome
{
    Ok,
    /// <summary>TCP connection refused (instance restarting, nothing listening).</summary>
    Refused,
    /// <summary>Connect, handshake or statement timed out.</summary>
    Timeout,
    /// <summary>ERROR 1290: the endpoint still points at a demoted, read-only instance.</summary>
    ReadOnly,
    /// <summary>Access denied or authentication impossible.</summary>
    Auth,
    /// <summary>Anything else (reset, DNS failure, other server errors): see the message.</summary>
    Other,
}

public static class AttemptOutcomes
{
    public static AttemptOutcome Of(MySqlErrorKind kind) => kind switch
    {
        MySqlErrorKind.Refused => AttemptOutcome.Refused,
        MySqlErrorKind.Timeout => AttemptOutcome.Timeout,
        MySqlErrorKind.ReadOnly => AttemptOutcome.ReadOnly,
        MySqlErrorKind.AccessDenied => AttemptOutcome.Auth,
        _ => AttemptOutcome.Other,
    };

    /// <summary>The snake_case name used in run files and the CLI.</summary>
    public static string Name(this AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.ReadOnly => "read_only",
        _ => outcome.ToString().ToLowerInvariant(),
    };
}
