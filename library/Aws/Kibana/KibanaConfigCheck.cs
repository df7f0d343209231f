using System.Globalization;
using System.Net;

namespace Ops.Aws.Kibana;

/// <summary>
/// Checks kibana.yml against its deployment for the problems seed 000 hit one by one: 502 until Kibana
/// listened on 0.0.0.0, EADDRNOTAVAIL on a foreign address, elasticsearch.url gone in 7.x, a basePath
/// without a proxy (404), Kibana/Elasticsearch version mismatch, a health check that gets 302, and
/// security groups that do not let the ELB reach 5601 or Kibana reach 9200.
/// </summary>
public static class KibanaConfigCheck
{
    public static Findings Run(string kibanaYml, KibanaDeployment deployment) => Run(KibanaConfig.Load(kibanaYml), deployment);

    public static Findings Run(KibanaConfig config, KibanaDeployment deployment)
    {
        var findings = new List<Finding>();
        CheckHost(config, deployment, findings);
        CheckElasticsearchSettings(config, deployment, findings);
        CheckBasePath(config, deployment, findings);
        CheckVersions(deployment, findings);
        CheckHealthCheck(deployment, findings);
        CheckSecurityGroups(config, deployment, findings);
        CheckSurroundings(deployment, findings);
        return new Findings(findings, $"{config.Source} check");
    }

    private static string At(KibanaConfig c, KibanaSetting? s) => s == null ? c.Source : $"{c.Source}:{s.Line}";

    private static void CheckHost(KibanaConfig c, KibanaDeployment d, List<Finding> f)
    {
        if (!d.BehindLoadBalancer) return;
        var s = c["server.host"];
        var host = s?.Value.Trim() ?? "localhost";
        const string fix = "server.host: \"0.0.0.0\" (then restart Kibana; lsof -i :5601 should show *:5601)";
        if (host is "0.0.0.0" or "::" or "[::]") return;
        if (host is "localhost" or "127.0.0.1" or "::1")
        {
            f.Add(new Finding(FindingSeverity.High, "server.host", "server.host", $"Kibana listens on {host}{(s == null ? " (the default)" : "")}: the ELB health check cannot connect, the target stays Unhealthy and users get 502 Bad Gateway",
                fix, At(c, s)));
            return;
        }
        if (IPAddress.TryParse(host, out _) && d.InstanceAddresses.Count > 0 && !d.InstanceAddresses.Contains(host))
            f.Add(new Finding(FindingSeverity.Critical, "server.host", "server.host", $"{host} is not an address of this instance ({string.Join(", ", d.InstanceAddresses)}): Kibana exits with 'listen EADDRNOTAVAIL: address not available {host}:5601'",
                fix, At(c, s)));
        else
            f.Add(new Finding(FindingSeverity.Medium, "server.host", "server.host", $"Kibana listens only on {host}; if that is not this instance's private address it fails with EADDRNOTAVAIL, and a new instance from the same UserData gets another address",
                fix, At(c, s)));
    }

    private static void CheckElasticsearchSettings(KibanaConfig c, KibanaDeployment d, List<Finding> f)
    {
        var url = c["elasticsearch.url"];
        var hosts = c["elasticsearch.hosts"];
        var kibanaMajor = Major(d.KibanaVersion);
        if (url != null)
        {
            var (sev, why) = kibanaMajor switch
            {
                >= 7 => (FindingSeverity.High, $"elasticsearch.url was removed in Kibana 7.0; Kibana {d.KibanaVersion} will not start with it"),
                6 => (FindingSeverity.Low, "elasticsearch.url is deprecated since Kibana 6.6"),
                null => (FindingSeverity.Medium, "elasticsearch.url is deprecated (6.6) and removed in Kibana 7.0"),
                _ => (FindingSeverity.Info, "elasticsearch.url is the setting for this Kibana version"),
            };
            if (sev != FindingSeverity.Info)
                f.Add(new Finding(sev, "elasticsearch.url", "elasticsearch.url", why,
                    $"replace it with elasticsearch.hosts: [\"{url.Value}\"]", At(c, url)));
            if (hosts != null)
                f.Add(new Finding(FindingSeverity.Medium, "elasticsearch.url", "elasticsearch.url", $"both elasticsearch.url (line {url.Line}) and elasticsearch.hosts (line {hosts.Line}) are set",
                    "keep only elasticsearch.hosts", At(c, url)));
        }
        var endpoints = (hosts?.Items ?? url?.Items ?? []).SelectMany(SplitHostList).ToList();
        var setting = hosts ?? url;
        foreach (var e in endpoints)
        {
            if (!Uri.TryCreate(e, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                f.Add(new Finding(FindingSeverity.High, "elasticsearch.hosts", setting!.Key, $"'{e}' is not an http(s) URL", "write it as http://<elasticsearch elb dns>:9200", At(c, setting)));
                continue;
            }
            if (d.ElasticsearchEndpoint != null && !string.Equals(uri.Host, HostOf(d.ElasticsearchEndpoint), StringComparison.OrdinalIgnoreCase))
                f.Add(new Finding(FindingSeverity.High, "elasticsearch.hosts", setting!.Key, $"{uri.Host} is not the Elasticsearch endpoint {HostOf(d.ElasticsearchEndpoint)}",
                    $"elasticsearch.hosts: [\"{uri.Scheme}://{HostOf(d.ElasticsearchEndpoint)}:{uri.Port}\"]", At(c, setting)));
            else if (d.ElasticsearchEndpoint == null && uri.Host.Contains("kibana", StringComparison.OrdinalIgnoreCase))
                f.Add(new Finding(FindingSeverity.Medium, "elasticsearch.hosts", setting!.Key, $"{uri.Host} looks like the Kibana host, not Elasticsearch",
                    "point elasticsearch.hosts at the Elasticsearch ELB's DNS name, port 9200", At(c, setting)));
        }
    }

    private static IEnumerable<string> SplitHostList(string value) =>
        value.Trim().TrimStart('[').TrimEnd(']').Split(',').Select(v => v.Trim().Trim('"', '\'')).Where(v => v.Length > 0);

    private static string HostOf(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var u) ? u.Host : endpoint.Split(':')[0];

    private static void CheckBasePath(KibanaConfig c, KibanaDeployment d, List<Finding> f)
    {
        var s = c["server.basePath"];
        if (s == null || s.Value.Length == 0 || d.ProxyInFront) return;
        var rewrite = c.Value("server.rewriteBasePath") == "true";
        if (rewrite)
        {
            f.Add(new Finding(FindingSeverity.Low, "server.basePath", "server.basePath", $"server.basePath {s.Value} with rewriteBasePath: Kibana is served under {s.Value}/ only; the ELB health check and users must use that prefix",
                $"health check path {s.Value}/api/status, or drop server.basePath", At(c, s)));
            return;
        }
        f.Add(new Finding(FindingSeverity.High, "server.basePath", "server.basePath", $"server.basePath '{s.Value}' without a proxy stripping it: the browser is sent to {s.Value}/app/kibana and gets 404",
            "comment out server.basePath (it is only for a reverse proxy such as nginx that removes the prefix)", At(c, s)));
    }

    private static void CheckVersions(KibanaDeployment d, List<Finding> f)
    {
        if (d.KibanaVersion == null || d.ElasticsearchVersion == null) return;
        var k = ParseVersion(d.KibanaVersion, "Kibana version");
        var e = ParseVersion(d.ElasticsearchVersion, "Elasticsearch version");
        var fix = $"install Kibana {d.ElasticsearchVersion} to match Elasticsearch (the seed moved from 7.x to 6.x for a 6.x cluster)";
        if (k[0] != e[0] || (k[1] >= 0 && e[1] >= 0 && k[1] != e[1]))
            f.Add(new Finding(FindingSeverity.High, "version", $"Kibana {d.KibanaVersion} / Elasticsearch {d.ElasticsearchVersion}",
                "Kibana and Elasticsearch must run the same major.minor version; Kibana stays red ('This version of Kibana requires Elasticsearch v...')", fix, "deployment"));
        else if (k[2] >= 0 && e[2] >= 0 && k[2] > e[2])
            f.Add(new Finding(FindingSeverity.Medium, "version", $"Kibana {d.KibanaVersion} / Elasticsearch {d.ElasticsearchVersion}",
                "Kibana is a newer patch than Elasticsearch; Kibana requires Elasticsearch of at least its own version", fix, "deployment"));
    }

    private static void CheckHealthCheck(KibanaDeployment d, List<Finding> f)
    {
        if (!d.BehindLoadBalancer || d.HealthCheckPath == null) return;
        var matcher = d.HealthCheckMatcher ?? "200";
        if (d.HealthCheckPath == "/" && !MatcherAccepts(matcher, 302))
            f.Add(new Finding(FindingSeverity.Medium, "health check", $"target group health check {d.HealthCheckPath} ({matcher})",
                "Kibana answers GET / with 302 (a redirect to /app/kibana), so the ELB-HealthChecker marks the target Unhealthy",
                "health check path /api/status (answers 200), or matcher 200-399", "deployment"));
    }

    private static bool MatcherAccepts(string matcher, int code) =>
        matcher.Split(',').Any(part =>
        {
            var r = part.Trim().Split('-');
            return r.Length == 2
                ? int.TryParse(r[0], out var lo) && int.TryParse(r[1], out var hi) && code >= lo && code <= hi
                : int.TryParse(r[0], out var one) && one == code;
        });

    private static void CheckSecurityGroups(KibanaConfig c, KibanaDeployment d, List<Finding> f)
    {
        var rules = d.SecurityGroupRules;
        if (rules.Count == 0) return;
        var kibanaPortSetting = c["server.port"];
        var kibanaPort = 5601;
        if (kibanaPortSetting != null && !int.TryParse(kibanaPortSetting.Value, NumberStyles.None, CultureInfo.InvariantCulture, out kibanaPort))
        {
            f.Add(new Finding(FindingSeverity.High, "server.port", "server.port", $"'{kibanaPortSetting.Value}' is not a port number", "server.port: 5601", At(c, kibanaPortSetting)));
            return;
        }

        // A group may be named by id or name; rules refer to source groups by id.
        HashSet<string> Ids(string group) => [group, .. rules.Where(r => r.GroupName == group).Select(r => r.Group)];
        bool Allows(string into, int port, string from) =>
            rules.Any(r => r.IsIn(into) && r.AllowsTcp(port) && Ids(from).Any(r.AdmitsFrom));

        if (d.KibanaSecurityGroup != null)
        {
            if (d.LoadBalancerSecurityGroup != null && !Allows(d.KibanaSecurityGroup, kibanaPort, d.LoadBalancerSecurityGroup))
                f.Add(new Finding(FindingSeverity.High, "security group", d.KibanaSecurityGroup, $"no inbound rule lets the load balancer ({d.LoadBalancerSecurityGroup}) reach Kibana on TCP {kibanaPort}: health checks fail, 502",
                    $"add inbound TCP {kibanaPort} from {d.LoadBalancerSecurityGroup} to {d.KibanaSecurityGroup}", "security groups"));
            foreach (var open in rules.Where(r => r.IsIn(d.KibanaSecurityGroup) && r.AllowsTcp(kibanaPort) && r.IsOpenToInternet))
                f.Add(new Finding(FindingSeverity.Medium, "security group", d.KibanaSecurityGroup, $"TCP {kibanaPort} is open to {open.Source}: Kibana is reachable without the load balancer",
                    $"remove the {open.Source} rule; allow {kibanaPort} only from the load balancer's group", open.Origin.Length > 0 ? open.Origin : "security groups"));
        }
        if (d.LoadBalancerSecurityGroup != null && d.ClientSource != null)
            foreach (var port in d.ListenerPorts)
                if (!Allows(d.LoadBalancerSecurityGroup, port, d.ClientSource))
                    f.Add(new Finding(FindingSeverity.High, "security group", d.LoadBalancerSecurityGroup, $"no inbound rule admits clients from {d.ClientSource} on TCP {port} (the listener)",
                        $"add inbound TCP {port} from {d.ClientSource} (the VPN prefix list / CIDR) to {d.LoadBalancerSecurityGroup}", "security groups"));
        if (d.ElasticsearchSecurityGroup != null && d.KibanaSecurityGroup != null)
        {
            var ports = (c["elasticsearch.hosts"]?.Items ?? c["elasticsearch.url"]?.Items ?? ["http://localhost:9200"])
                .SelectMany(SplitHostList).Select(e => Uri.TryCreate(e, UriKind.Absolute, out var u) ? u.Port : 9200).Distinct();
            foreach (var port in ports)
                if (!Allows(d.ElasticsearchSecurityGroup, port, d.KibanaSecurityGroup))
                    f.Add(new Finding(FindingSeverity.High, "security group", d.ElasticsearchSecurityGroup, $"no inbound rule lets Kibana ({d.KibanaSecurityGroup}) reach Elasticsearch on TCP {port}",
                        $"add inbound TCP {port} from {d.KibanaSecurityGroup} to {d.ElasticsearchSecurityGroup}", "security groups"));
        }
    }

    /// <summary>The deployment errors of seed 000 that are not in kibana.yml: certificate, SSM role, ELB subnet space.</summary>
    private static void CheckSurroundings(KibanaDeployment d, List<Finding> f)
    {
        if (d.BehindLoadBalancer && d.ListenerPorts.Contains(443) && d.HttpsListenerHasCertificate == false)
            f.Add(new Finding(FindingSeverity.High, "load balancer", "HTTPS listener :443", "the deployment fails with 'HTTPS Listener needs at least one certificate'",
                "attach the ACM certificate ARN of the Route 53 domain to the listener", "deployment"));
        if (d.InstanceRolePolicies != null && !d.InstanceRolePolicies.Any(p => p.EndsWith("AmazonSSMManagedInstanceCore", StringComparison.Ordinal)))
            f.Add(new Finding(FindingSeverity.Medium, "instance role", "Kibana instance role", "without AmazonSSMManagedInstanceCore, Session Manager cannot reach the instance to debug its UserData (ssm:StartSession alone is not enough)",
                "attach arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore to the instance role", "deployment"));
        foreach (var subnet in d.LoadBalancerSubnets.Where(s => !s.LoadBalancerFits))
            f.Add(new Finding(FindingSeverity.High, "load balancer", subnet.Subnet.ToString(), $"{subnet.Free} free addresses: 'ELB requires at least 8 free IP addresses in each subnet'",
                "free addresses in the subnet (remove stale ENIs / duplicate resources) or place the ELB in a larger subnet", "deployment"));
    }

    private static int? Major(string? version) => version == null ? null : ParseVersion(version, "Kibana version")[0];

    /// <summary>major, minor, patch; -1 for parts given as x or left out ("6.x").</summary>
    private static int[] ParseVersion(string v, string field)
    {
        var parts = v.Trim().TrimStart('v').Split('.');
        var result = new[] { -1, -1, -1 };
        for (var i = 0; i < Math.Min(3, parts.Length); i++)
        {
            if (parts[i] is "x" or "*") break;
            if (!int.TryParse(parts[i].Split('-')[0], NumberStyles.None, CultureInfo.InvariantCulture, out result[i]))
                throw new FormatException($"{field} '{v}' is not a version like 6.8.6 or 6.x");
        }
        if (result[0] < 0) throw new FormatException($"{field} '{v}' has no major version");
        return result;
    }
}
