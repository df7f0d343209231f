namespace Ops.Aws.Kibana;

/// <summary>
/// What surrounds the Kibana instance: the facts kibana.yml alone does not say (the development VPC of docs/background.md:
/// an internet-facing ELB in front, no nginx, Elasticsearch behind its own internal ELB).
/// </summary>
public sealed record KibanaDeployment
{
    /// <summary>An ELB/ALB forwards to Kibana (its health checker must reach server.host).</summary>
    public bool BehindLoadBalancer { get; init; } = true;
    /// <summary>A reverse proxy (nginx) strips a path prefix before Kibana; only then is server.basePath right.</summary>
    public bool ProxyInFront { get; init; }
    public string? KibanaVersion { get; init; }
    public string? ElasticsearchVersion { get; init; }
    /// <summary>The instance's own addresses; a server.host outside them fails with EADDRNOTAVAIL.</summary>
    public IReadOnlyList<string> InstanceAddresses { get; init; } = [];
    /// <summary>The Elasticsearch endpoint Kibana should use (the ES ELB's DNS name), if known.</summary>
    public string? ElasticsearchEndpoint { get; init; }
    public IReadOnlyList<SecurityGroupRule> SecurityGroupRules { get; init; } = [];
    /// <summary>Security group (id or name) of the Kibana instance.</summary>
    public string? KibanaSecurityGroup { get; init; }
    /// <summary>Security group (id or name) of the Kibana load balancer.</summary>
    public string? LoadBalancerSecurityGroup { get; init; }
    /// <summary>Security group (id or name) in front of Elasticsearch (its ELB's group in that set-up).</summary>
    public string? ElasticsearchSecurityGroup { get; init; }
    /// <summary>Where users come from to the load balancer (the office VPN's CIDR).</summary>
    public string? ClientSource { get; init; }
    public IReadOnlyList<int> ListenerPorts { get; init; } = [443];
    /// <summary>Whether the HTTPS listener has a certificate; null when unknown.</summary>
    public bool? HttpsListenerHasCertificate { get; init; }
    /// <summary>Managed policies on the instance role (names or ARNs); null when unknown.</summary>
    public IReadOnlyList<string>? InstanceRolePolicies { get; init; }
    /// <summary>Address usage of the subnets the load balancer is placed in.</summary>
    public IReadOnlyList<Ops.Net.SubnetUsage> LoadBalancerSubnets { get; init; } = [];
    public string? HealthCheckPath { get; init; }
    public string? HealthCheckMatcher { get; init; }
}
