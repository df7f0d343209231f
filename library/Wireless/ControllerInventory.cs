using System.Globalization;
using Ops.Snmp;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ops.Wireless;

/// <summary>
/// The controllers of one environment, from wlap's YAML (<c>production: controllers: [WLC1, WLC2]</c>),
/// where an entry is a bare name (address = name, port 161, v2c, community from SNMP_COMMUNITY) or a
/// mapping with address, port, version and credential references <c>env:NAME</c>.
/// </summary>
public sealed class ControllerInventory
{
    public ControllerInventory(string environment, IEnumerable<ControllerConfig> controllers)
    {
        Environment = environment;
        Controllers = controllers.ToList();
    }

    public string Environment { get; }
    public IReadOnlyList<ControllerConfig> Controllers { get; }

    public ControllerConfig this[string name] => Controllers.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"no controller {name} in environment {Environment} (have {string.Join(", ", Controllers.Select(c => c.Name))})");

    public static ControllerInventory Load(string path, string environment = "production")
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"inventory {path} does not exist", path);
        return Parse(File.ReadAllText(path), environment, path);
    }

    public static ControllerInventory Parse(string yaml, string environment = "production", string source = "inventory")
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException e) { throw new FormatException($"{source}:{e.Start.Line}: not valid YAML: {e.Message}"); }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException($"{source}: expected a mapping of environments (production: controllers: [...])");
        if (!root.Children.TryGetValue(new YamlScalarNode(environment), out var envNode))
            throw new FormatException($"{source}: no environment '{environment}' (have {string.Join(", ", root.Children.Keys.Select(k => ((YamlScalarNode)k).Value))}); pick one with --env");
        if (envNode is not YamlMappingNode env || !env.Children.TryGetValue(new YamlScalarNode("controllers"), out var list) || list is not YamlSequenceNode seq)
            throw new FormatException($"{source}:{envNode.Start.Line}: environment '{environment}' needs a 'controllers:' list");
        var controllers = new List<ControllerConfig>();
        foreach (var item in seq.Children)
        {
            var config = item switch
            {
                YamlScalarNode s when !string.IsNullOrWhiteSpace(s.Value) => new ControllerConfig(s.Value!, s.Value!),
                YamlMappingNode m => FromMapping(m, source),
                _ => throw new FormatException($"{source}:{item.Start.Line}: a controller is a name or a mapping with name/address"),
            };
            if (controllers.Any(c => c.Name.Equals(config.Name, StringComparison.OrdinalIgnoreCase)))
                throw new FormatException($"{source}:{item.Start.Line}: controller {config.Name} is listed twice");
            controllers.Add(config);
        }
        if (controllers.Count == 0) throw new FormatException($"{source}:{seq.Start.Line}: environment '{environment}' lists no controllers");
        return new ControllerInventory(environment, controllers);
    }

    private static readonly HashSet<string> Known = ["name", "address", "port", "version", "community", "user", "auth", "authKey", "priv", "privKey", "cli", "timeout", "retries"];

    private static ControllerConfig FromMapping(YamlMappingNode m, string source)
    {
        var fields = new Dictionary<string, (string Value, int Line)>();
        foreach (var (k, v) in m.Children)
        {
            var key = ((YamlScalarNode)k).Value ?? "";
            if (!Known.Contains(key)) throw new FormatException($"{source}:{k.Start.Line}: unknown controller field '{key}' (known: {string.Join(", ", Known)})");
            if (v is not YamlScalarNode sv) throw new FormatException($"{source}:{v.Start.Line}: '{key}' must be a single value");
            fields[key] = (sv.Value ?? "", (int)v.Start.Line);
        }
        string? Get(string key) => fields.TryGetValue(key, out var f) ? f.Value : null;
        string? Secret(string key)
        {
            if (!fields.TryGetValue(key, out var f)) return null;
            if (!f.Value.StartsWith("env:", StringComparison.Ordinal) || f.Value.Length <= 4)
                throw new FormatException($"{source}:{f.Line}: '{key}' must reference an environment variable (env:NAME), never hold the secret itself");
            return f.Value;
        }
        var name = Get("name") ?? throw new FormatException($"{source}:{m.Start.Line}: controller without a name");
        var port = Get("port") is { } p ? int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var pn) && pn is > 0 and < 65536 ? pn
            : throw new FormatException($"{source}:{fields["port"].Line}: port '{p}' is not 1-65535") : 161;
        var version = (Get("version") ?? "2c") switch
        {
            "1" or "v1" => SnmpVersion.V1,
            "2c" or "v2c" or "2" => SnmpVersion.V2c,
            "3" or "v3" => SnmpVersion.V3,
            var v => throw new FormatException($"{source}:{fields["version"].Line}: version '{v}' is not 1, 2c or 3"),
        };
        var auth = (Get("auth") ?? "none").ToLowerInvariant() switch
        {
            "none" => AuthProtocol.None, "md5" => AuthProtocol.Md5, "sha" or "sha1" => AuthProtocol.Sha1, "sha224" => AuthProtocol.Sha224,
            "sha256" => AuthProtocol.Sha256, "sha384" => AuthProtocol.Sha384, "sha512" => AuthProtocol.Sha512,
            var a => throw new FormatException($"{source}:{fields["auth"].Line}: auth '{a}' is not md5, sha, sha224, sha256, sha384 or sha512"),
        };
        var priv = (Get("priv") ?? "none").ToLowerInvariant() switch
        {
            "none" => PrivProtocol.None, "des" => PrivProtocol.Des, "aes" or "aes128" => PrivProtocol.Aes128,
            var a => throw new FormatException($"{source}:{fields["priv"].Line}: priv '{a}' is not des or aes"),
        };
        var config = new ControllerConfig(name, Get("address") ?? name, port, version)
        {
            Community = Secret("community") ?? "env:SNMP_COMMUNITY",
            User = Get("user") ?? "",
            Auth = auth,
            AuthKey = Secret("authKey"),
            Priv = priv,
            PrivKey = Secret("privKey"),
            Cli = Get("cli") is { } cli && (cli.Equals("true", StringComparison.OrdinalIgnoreCase) || cli == "yes"),
            Timeout = Get("timeout") is { } t ? double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var secs) && secs is > 0 and <= 300
                ? TimeSpan.FromSeconds(secs) : throw new FormatException($"{source}:{fields["timeout"].Line}: timeout '{t}' is not 0-300 seconds") : TimeSpan.FromSeconds(2),
            Retries = Get("retries") is { } r ? int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 20
                ? n : throw new FormatException($"{source}:{fields["retries"].Line}: retries '{r}' is not 0-20") : 1,
        };
        if (version == SnmpVersion.V3 && config.User.Length == 0) throw new FormatException($"{source}:{m.Start.Line}: controller {name} uses v3 but has no user");
        if (auth != AuthProtocol.None && config.AuthKey is null) throw new FormatException($"{source}:{m.Start.Line}: controller {name} has auth {auth} but no authKey: env:NAME");
        if (priv != PrivProtocol.None && config.PrivKey is null) throw new FormatException($"{source}:{m.Start.Line}: controller {name} has priv {priv} but no privKey: env:NAME");
        return config;
    }
}
