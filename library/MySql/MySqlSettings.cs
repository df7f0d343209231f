using System.Net;
using System.Net.Security;

namespace Ops.MySql;

/// <summary>Where and how a <see cref="MySqlSession"/> or the failover probe connects. Secrets stay in memory; <see cref="ToString"/> omits the password.</summary>
public sealed record MySqlSettings
{
    public required string Host { get; init; }
    public int Port { get; init; } = 3306;
    public required string User { get; init; }
    public string Password { get; init; } = "";
    public string? Database { get; init; }

    /// <summary>Name resolution and TCP connect timeout (the <c>mysql --connect-timeout=1</c> of a shell probe loop).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>Limit for the handshake and authentication after TCP is up.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Failover probe: longest silence between two packets of a statement's reply.</summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary><see cref="MySqlSession"/>: default per-command timeout (whole seconds, rounded up), per wait for the server.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TlsMode Tls { get; init; } = TlsMode.None;
    /// <summary>Certificate check for TLS; null uses the system's validation (a self-signed server fails).</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>PEM of the server's RSA key for caching_sha2_password full authentication without TLS (failover probe).</summary>
    public string? ServerRsaPublicKey { get; init; }
    /// <summary>Lets the client ask the server for its RSA key (trusting whoever answers, so off by default).</summary>
    public bool AllowPublicKeyRetrieval { get; init; }

    /// <summary>Failover probe: ask for CLIENT_DEPRECATE_EOF (OK instead of EOF after rows) when the server offers it.</summary>
    public bool DeprecateEof { get; init; } = true;

    /// <summary>Overrides name resolution (tests, or an endpoint resolver that follows a DNS switch).</summary>
    public IPEndPoint[]? ResolvedEndpoints { get; init; }

    /// <summary>Auth plugin for the first response instead of the server's default (exercises AuthSwitchRequest).</summary>
    internal string? InitialAuthPlugin { get; init; }

    public string Endpoint => Host.Contains(':') && !Host.StartsWith('[') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    public override string ToString() => $"{User}@{Endpoint}/{Database}";
}
