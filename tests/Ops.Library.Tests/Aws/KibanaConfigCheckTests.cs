using Ops.Aws;
using Ops.Aws.Kibana;

namespace Ops.Tests.Aws;

public class KibanaConfigCheckTests
{
    private static Findings Check(string yaml, KibanaDeployment? d = null) =>
        KibanaConfigCheck.Run(KibanaConfig.Parse(yaml, "kibana.yml"), d ?? new KibanaDeployment());

    [Fact]
    public void Default_host_behind_a_load_balancer_means_502()
    {
        var f = Assert.Single(Check("server.port: 5601\n"));
        Assert.Equal((FindingSeverity.High, "server.host"), (f.Severity, f.Check));
        Assert.Contains("502", f.Detail);
        Assert.Contains("server.host: \"0.0.0.0\"", f.Fix);
    }

    [Fact]
    public void Listening_on_all_interfaces_is_clean()
    {
        Assert.Empty(Check("server.host: \"0.0.0.0\"\nelasticsearch.hosts: [\"http://es-elb.internal:9200\"]\n", new KibanaDeployment { KibanaVersion = "6.8.6", ElasticsearchVersion = "6.8.6" }));
        Assert.Empty(Check("server:\n  host: 0.0.0.0\n"));
    }

    [Fact]
    public void Foreign_address_gives_eaddrnotavail_with_the_line()
    {
        var f = Assert.Single(Check("server.port: 5601\nserver.host: \"10.0.12.34\"\n", new KibanaDeployment { InstanceAddresses = ["10.0.12.80"] }));
        Assert.Equal((FindingSeverity.Critical, "kibana.yml:2"), (f.Severity, f.Source));
        Assert.Contains("EADDRNOTAVAIL", f.Detail);
    }

    [Fact]
    public void Elasticsearch_url_is_removed_in_kibana_7()
    {
        var f = Check("server.host: 0.0.0.0\nelasticsearch.url: 'http://es.internal:9200'\n", new KibanaDeployment { KibanaVersion = "7.10.2", ElasticsearchVersion = "7.10.2" }).Single();
        Assert.Equal((FindingSeverity.High, "elasticsearch.url", "kibana.yml:2"), (f.Severity, f.Check, f.Source));
        Assert.Equal("replace it with elasticsearch.hosts: [\"http://es.internal:9200\"]", f.Fix);
        Assert.Equal(FindingSeverity.Low, Check("server.host: 0.0.0.0\nelasticsearch.url: 'http://es.internal:9200'\n", new KibanaDeployment { KibanaVersion = "6.8.6" }).Single().Severity);
    }

    [Fact]
    public void Base_path_without_proxy_is_the_seeds_404()
    {
        var f = Check("server.host: 0.0.0.0\nserver.basePath: '/kibana'\n").Single();
        Assert.Contains("/kibana/app/kibana and gets 404", f.Detail);
        Assert.Contains("comment out server.basePath", f.Fix);
        Assert.Empty(Check("server.host: 0.0.0.0\nserver.basePath: '/kibana'\n", new KibanaDeployment { ProxyInFront = true }));
    }

    [Theory]
    [InlineData("7.14.0", "6.x", FindingSeverity.High)]
    [InlineData("7.10.2", "6.8.6", FindingSeverity.High)]
    [InlineData("6.8.6", "6.7.1", FindingSeverity.High)]
    [InlineData("6.8.7", "6.8.6", FindingSeverity.Medium)]
    public void Versions_must_match(string kibana, string es, FindingSeverity severity)
    {
        var f = Check("server.host: 0.0.0.0\n", new KibanaDeployment { KibanaVersion = kibana, ElasticsearchVersion = es }).Single();
        Assert.Equal(("version", severity), (f.Check, f.Severity));
    }

    [Fact]
    public void Matching_major_when_es_version_is_only_major_passes()
    {
        Assert.Empty(Check("server.host: 0.0.0.0\n", new KibanaDeployment { KibanaVersion = "6.8.6", ElasticsearchVersion = "6.x" }));
        var e = Assert.Throws<FormatException>(() => Check("server.host: 0.0.0.0\n", new KibanaDeployment { KibanaVersion = "six", ElasticsearchVersion = "6.x" }));
        Assert.Contains("Kibana version 'six'", e.Message);
    }

    [Fact]
    public void Health_check_on_root_gets_302()
    {
        var f = Check("server.host: 0.0.0.0\n", new KibanaDeployment { HealthCheckPath = "/", HealthCheckMatcher = "200" }).Single();
        Assert.Contains("302", f.Detail);
        Assert.Contains("/api/status", f.Fix);
        Assert.Empty(Check("server.host: 0.0.0.0\n", new KibanaDeployment { HealthCheckPath = "/", HealthCheckMatcher = "200-399" }));
    }

    [Fact]
    public void Elasticsearch_hosts_pointing_at_kibana_is_suspicious()
    {
        var f = Check("server.host: 0.0.0.0\nelasticsearch.hosts: [\"http://devKibana.example.internal:9200\"]\n").Single();
        Assert.Contains("looks like the Kibana host", f.Detail);
        var g = Check("server.host: 0.0.0.0\nelasticsearch.hosts: [\"http://devKibana.example.internal:9200\"]\n", new KibanaDeployment { ElasticsearchEndpoint = "http://es-elb.internal:9200" }).Single();
        Assert.Contains("elasticsearch.hosts: [\"http://es-elb.internal:9200\"]", g.Fix);
    }

    private const string Groups = """
    { "SecurityGroups": [
      { "GroupId": "sg-lb", "GroupName": "kibana-lb", "IpPermissions": [ { "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [ { "CidrIp": "203.0.113.0/24" } ] } ] },
      { "GroupId": "sg-kibana", "GroupName": "kibana", "IpPermissions": [ { "IpProtocol": "tcp", "FromPort": 80, "ToPort": 80, "UserIdGroupPairs": [ { "GroupId": "sg-lb" } ] } ] },
      { "GroupId": "sg-es", "GroupName": "es-lb", "IpPermissions": [ { "IpProtocol": "tcp", "FromPort": 9200, "ToPort": 9200, "UserIdGroupPairs": [ { "GroupId": "sg-app" } ] } ] }
    ] }
    """;

    [Fact]
    public void Security_groups_must_let_the_elb_reach_5601_and_kibana_reach_9200()
    {
        var rules = SecurityGroupRule.ParseDescribeOutput(Groups, "sg.json");
        var d = new KibanaDeployment { SecurityGroupRules = rules, KibanaSecurityGroup = "kibana", LoadBalancerSecurityGroup = "kibana-lb", ElasticsearchSecurityGroup = "es-lb", ClientSource = "203.0.113.0/24" };
        var findings = Check("server.host: 0.0.0.0\nelasticsearch.hosts: [\"http://es-elb.internal:9200\"]\n", d);
        Assert.Equal(["add inbound TCP 5601 from kibana-lb to kibana", "add inbound TCP 9200 from kibana to es-lb"], findings.Select(f => f.Fix).Order());

        var fixedRules = rules.Concat([new SecurityGroupRule("sg-kibana", "tcp", 5601, 5601, "sg-lb", "kibana"), new SecurityGroupRule("sg-es", "tcp", 9200, 9200, "sg-kibana", "es-lb")]).ToList();
        Assert.Empty(Check("server.host: 0.0.0.0\nelasticsearch.hosts: [\"http://es-elb.internal:9200\"]\n", d with { SecurityGroupRules = fixedRules }));
    }

    [Fact]
    public void Listener_port_without_a_client_rule_and_kibana_open_to_the_internet_are_flagged()
    {
        var rules = new List<SecurityGroupRule>
        {
            new("sg-lb", "tcp", 443, 443, "203.0.113.0/24"),
            new("sg-kibana", "tcp", 5601, 5601, "0.0.0.0/0"),
        };
        var d = new KibanaDeployment { SecurityGroupRules = rules, KibanaSecurityGroup = "sg-kibana", LoadBalancerSecurityGroup = "sg-lb", ClientSource = "203.0.113.0/24", ListenerPorts = [443, 80] };
        var checks = Check("server.host: 0.0.0.0\n", d).Select(f => f.Detail).ToList();
        Assert.Contains(checks, c => c.Contains("open to 0.0.0.0/0"));
        Assert.Contains(checks, c => c.Contains("from 203.0.113.0/24 on TCP 80"));
        Assert.DoesNotContain(checks, c => c.Contains("reach Kibana on TCP 5601"));
    }

    [Fact]
    public void Yaml_errors_and_repeated_keys_name_the_line()
    {
        var e = Assert.Throws<FormatException>(() => KibanaConfig.Parse("server.host: 0.0.0.0\nserver.port: [5601\n", "k.yml"));
        Assert.StartsWith("k.yml:", e.Message);
        var dup = Assert.Throws<FormatException>(() => KibanaConfig.Parse("server.host: a\nserver:\n  host: b\n", "k.yml"));
        Assert.Equal("k.yml:3: server.host is set again (first at line 1); Kibana would refuse to start", dup.Message);
    }

    [Fact]
    public void Security_group_export_errors_name_the_path()
    {
        var e = Assert.Throws<FormatException>(() => SecurityGroupRule.ParseDescribeOutput("""{ "SecurityGroups": [ { "GroupId": "sg-1", "IpPermissions": [ { "IpProtocol": "tcp", "ToPort": 80 } ] } ] }""", "sg.json"));
        Assert.Equal("sg.json: SecurityGroups[0].IpPermissions[0].FromPort is missing or not a port number", e.Message);
    }
}

public class KibanaDeploymentCheckTests
{
    [Fact]
    public void Certificate_ssm_role_and_elb_subnet_space_are_checked()
    {
        var d = new KibanaDeployment
        {
            HttpsListenerHasCertificate = false,
            InstanceRolePolicies = ["arn:aws:iam::123456789012:policy/ssm-start-session"],
            LoadBalancerSubnets = [Ops.Net.SubnetUsage.Of("10.16.16.0/28", "10.16.16.4", "10.16.16.5", "10.16.16.6", "10.16.16.7")],
        };
        var details = KibanaConfigCheck.Run(KibanaConfig.Parse("server.host: 0.0.0.0\n"), d).Select(f => f.Detail).ToList();
        Assert.Equal(3, details.Count);
        Assert.Contains(details, x => x.Contains("HTTPS Listener needs at least one certificate"));
        Assert.Contains(details, x => x.Contains("AmazonSSMManagedInstanceCore"));
        Assert.Contains(details, x => x.Contains("7 free addresses"));
        var ok = d with { HttpsListenerHasCertificate = true, InstanceRolePolicies = ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"], LoadBalancerSubnets = [Ops.Net.SubnetUsage.Of("10.16.16.0/27")] };
        Assert.Empty(KibanaConfigCheck.Run(KibanaConfig.Parse("server.host: 0.0.0.0\n"), ok));
    }
}
