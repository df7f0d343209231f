namespace Ops.Snmp;

/// <summary>
/// Where and how to reach an agent. Secrets (community, v3 passwords) are never part of
/// <see cref="ToString"/>, so a target can be logged.
/// </summary>
public sealed class SnmpTarget
{
    public SnmpTarget(string host, int port = 161)
    {
        if (string.IsNullOrWhiteSpace(host)) throw new ArgumentException("an SNMP target needs a host", nameof(host));
        if (port is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "UDP port must be 1-65535");
        Host = host;
        Port = port;
    }

    public string Host { get; }
    public int Port { get; }
    public SnmpVersion Version { get; init; } = SnmpVersion.V2c;
    public string Community { get; init; } = "public";
    public string User { get; init; } = "";
    public AuthProtocol Auth { get; init; }
    public string? AuthPassword { get; init; }
    public PrivProtocol Priv { get; init; }
    public string? PrivPassword { get; init; }
    public string ContextName { get; init; } = "";
    /// <summary>How long one attempt waits for its response.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
    /// <summary>Retransmissions after the first attempt.</summary>
    public int Retries { get; init; } = 1;

    public static SnmpTarget V2c(string host, int port, string community) => new(host, port) { Version = SnmpVersion.V2c, Community = community };

    public static SnmpTarget V3(string host, int port, string user, AuthProtocol auth = AuthProtocol.None, string? authPassword = null,
        PrivProtocol priv = PrivProtocol.None, string? privPassword = null) =>
        new(host, port) { Version = SnmpVersion.V3, User = user, Auth = auth, AuthPassword = authPassword, Priv = priv, PrivPassword = privPassword };

    public string Endpoint => Host.Contains(':') ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    public override string ToString() => Version switch
    {
        SnmpVersion.V3 => $"{Endpoint} (v3 user {User}, {(Auth == AuthProtocol.None ? "noAuthNoPriv" : Priv == PrivProtocol.None ? "authNoPriv" : "authPriv")})",
        SnmpVersion.V1 => $"{Endpoint} (v1)",
        _ => $"{Endpoint} (v2c)",
    };
}
