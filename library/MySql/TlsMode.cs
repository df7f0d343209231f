namespace Ops.MySql;

/// <summary>Whether the session asks for TLS (SSLRequest, then TLS over the same socket).</summary>
public enum TlsMode
{
    /// <summary>Plain TCP.</summary>
    None,
    /// <summary>TLS when the server offers it, plain otherwise.</summary>
    Preferred,
    /// <summary>TLS or fail with <see cref="MySqlErrorKind.Tls"/>.</summary>
    Required,
}
