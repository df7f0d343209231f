namespace Ops.MySql;

/// <summary>What went wrong, in the terms a failover probe reports.</summary>
public enum MySqlErrorKind
{
    /// <summary>TCP connection refused: nothing listens on host:port.</summary>
    Refused,
    /// <summary>Connect, handshake or query did not finish within its timeout.</summary>
    Timeout,
    /// <summary>The connection was reset or closed mid-conversation.</summary>
    Reset,
    /// <summary>ERROR 1290/1836: the server runs read-only (a demoted writer).</summary>
    ReadOnly,
    /// <summary>ERROR 1045/1044/1698 or an authentication the client cannot complete.</summary>
    AccessDenied,
    /// <summary>Name resolution failed.</summary>
    Dns,
    /// <summary>TLS negotiation failed or the server does not offer TLS when required.</summary>
    Tls,
    /// <summary>Any other server error (see Code and SqlState).</summary>
    Server,
    /// <summary>The peer does not speak the MySQL protocol as expected.</summary>
    Protocol,
}
