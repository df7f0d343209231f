using Ops.Snmp;

namespace Ops.Wireless;

/// <summary>
/// One controller of the inventory. Credentials are references (<c>env:NAME</c>) resolved only when
/// connecting, so the inventory file never holds a secret and this record can be printed.
/// </summary>
public sealed record ControllerConfig(string Name, string Address, int Port = 161, SnmpVersion Version = SnmpVersion.V2c)
{
    public string Community { get; init; } = "env:SNMP_COMMUNITY";
    public string User { get; init; } = "";
    public AuthProtocol Auth { get; init; }
    public string? AuthKey { get; init; }
    public PrivProtocol Priv { get; init; }
    public string? PrivKey { get; init; }
    /// <summary>Channel changes on this controller are printed as AireOS CLI commands instead of SNMP SETs.</summary>
    public bool Cli { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);
    public int Retries { get; init; } = 1;

    /// <summary>The SNMP target with credentials resolved from the environment.</summary>
    public SnmpTarget ToTarget(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return Version == SnmpVersion.V3
            ? new SnmpTarget(Address, Port)
            {
                Version = SnmpVersion.V3, User = User, Auth = Auth, Priv = Priv, Timeout = Timeout, Retries = Retries,
                AuthPassword = AuthKey is null ? null : Resolve(AuthKey, "authKey", environment),
                PrivPassword = PrivKey is null ? null : Resolve(PrivKey, "privKey", environment),
            }
            : new SnmpTarget(Address, Port) { Version = Version, Community = Resolve(Community, "community", environment), Timeout = Timeout, Retries = Retries };
    }

    private string Resolve(string reference, string field, Func<string, string?> environment)
    {
        var variable = reference[4..];
        return environment(variable) ?? throw new InvalidOperationException(
            $"controller {Name}: {field} refers to environment variable {variable}, which is not set; export {variable}=... before running");
    }
}
