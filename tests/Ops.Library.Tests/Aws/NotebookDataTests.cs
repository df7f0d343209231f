using Ops.Aws;
using Ops.Aws.Audit;
using Ops.Aws.Kibana;
using Ops.Net;

namespace Ops.Tests.Aws;

/// <summary>The bundled exports of notebooks/aws-audit-and-kibana give the findings the notebook discusses.</summary>
public class NotebookDataTests
{
    private static readonly string Data = Path.Combine(RepoRoot(), "notebooks", "data", "aws-audit-and-kibana");
    private static readonly DateTimeOffset AsOf = new(2019, 9, 1, 0, 0, 0, TimeSpan.Zero);

    private static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir != null && !File.Exists(Path.Combine(dir, "Interactive.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("Interactive.sln not found above " + AppContext.BaseDirectory);
    }

    private static string F(string name) => Path.Combine(Data, name);

    [Fact]
    public void Audit_of_the_bundled_account_names_each_key_once()
    {
        var findings = new AccountAudit(AsOf) { RotationDays = 365 }.CheckFiles(F("credential-report.csv"), F("access-keys-last-used.json"), F("elb-attributes.json"), F("rds-instances.json"));
        Assert.Equal((1, 2, 4, 2), (findings.CountOf(FindingSeverity.Critical), findings.CountOf(FindingSeverity.High), findings.CountOf(FindingSeverity.Medium), findings.CountOf(FindingSeverity.Low)));
        // sample-user1's keys come from the named-key export, not the report's "key 1" slot.
        Assert.DoesNotContain(findings, f => f.Resource == "sample-user1 key 1");
        Assert.Contains(findings, f => f.Resource == "sample-user1 ABCDEFGHIJKLMNOPQRST");
        // ci-deployer has no entry in the key export, so the report's slot is still checked.
        Assert.Contains(findings, f => f.Resource == "ci-deployer key 1" && f.Check == "key not rotated");
    }

    [Fact]
    public void Bundled_kibana_yml_has_every_problem_of_the_seed()
    {
        var d = new KibanaDeployment
        {
            KibanaVersion = "7.10.2", ElasticsearchVersion = "6.8.6", InstanceAddresses = ["10.16.1.25"],
            SecurityGroupRules = SecurityGroupRule.LoadDescribeOutput(F("security-groups.json")),
            KibanaSecurityGroup = "kibana-instance", LoadBalancerSecurityGroup = "kibana-lb", ElasticsearchSecurityGroup = "elasticsearch-lb",
            ClientSource = "203.0.113.0/24", HealthCheckPath = "/",
            LoadBalancerSubnets = [SubnetUsage.Of(IpPrefix.Parse("10.16.16.0/28"), File.ReadLines(F("subnet-ips.txt")).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(System.Net.IPAddress.Parse))],
        };
        var checks = KibanaConfigCheck.Run(F("kibana.yml"), d).Select(f => f.Check).Distinct().Order();
        Assert.Equal(["elasticsearch.hosts", "elasticsearch.url", "health check", "load balancer", "security group", "server.basePath", "server.host", "version"], checks);
    }

    [Fact]
    public void Bundled_address_plan_has_one_overlap_and_the_elb_subnet_is_short()
    {
        Assert.Single(AddressPlan.Load(F("address-plan.txt")).Overlaps());
        var used = File.ReadLines(F("subnet-ips.txt")).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(System.Net.IPAddress.Parse);
        Assert.False(SubnetUsage.Of(IpPrefix.Parse("10.16.16.0/28"), used).LoadBalancerFits);
    }
}
