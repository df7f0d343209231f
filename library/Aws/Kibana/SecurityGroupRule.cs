using System.Globalization;
using System.Text.Json;
using Ops.Display;
using Ops.Net;

namespace Ops.Aws.Kibana;

/// <summary>
/// One inbound rule: traffic on <see cref="Protocol"/> ports <see cref="FromPort"/>-<see cref="ToPort"/> into
/// <see cref="Group"/> (its id; <see cref="GroupName"/> when known) from <see cref="Source"/> (a CIDR or another
/// group's id). Protocol "-1" is all traffic.
/// </summary>
public sealed record SecurityGroupRule(string Group, string Protocol, int FromPort, int ToPort, string Source, string? GroupName = null, string Origin = "")
{
    public bool IsIn(string group) => Group == group || GroupName == group;

    public bool AllowsTcp(int port) => Protocol == "-1" || (Protocol is "tcp" or "6" && port >= FromPort && port <= ToPort);

    /// <summary>Whether the rule admits traffic from the given group (by id/name) or CIDR.</summary>
    public bool AdmitsFrom(string source)
    {
        if (string.Equals(Source, source, StringComparison.Ordinal)) return true;
        // 0.0.0.0/0 admits a group's members too; other CIDRs only match CIDRs (we do not know a group's addresses).
        if (Source == "0.0.0.0/0" && !source.Contains(':')) return true;
        if (Source == "::/0" && source.Contains(':')) return true;
        return IpPrefix.TryParse(Source, out var mine) && IpPrefix.TryParse(source, out var theirs) && mine.Contains(theirs);
    }

    public bool IsOpenToInternet => Source is "0.0.0.0/0" or "::/0";

    /// <summary>Reads <c>aws ec2 describe-security-groups</c> output (inbound rules).</summary>
    public static IReadOnlyList<SecurityGroupRule> LoadDescribeOutput(string path) => ParseDescribeOutput(File.ReadAllText(path), path);

    public static IReadOnlyList<SecurityGroupRule> ParseDescribeOutput(string json, string source = "security groups")
    {
        using var doc = JsonExport.Parse(json, source);
        var rules = new List<SecurityGroupRule>();
        foreach (var (sg, path) in JsonExport.Items(doc.RootElement, "SecurityGroups", source))
        {
            var id = JsonExport.String(sg, "GroupId", path, source);
            var name = JsonExport.OptionalString(sg, "GroupName");
            if (!sg.TryGetProperty("IpPermissions", out var perms) || perms.ValueKind != JsonValueKind.Array)
                throw new FormatException($"{source}: {path}.IpPermissions is missing or not an array");
            var i = 0;
            foreach (var p in perms.EnumerateArray())
            {
                var pp = $"{path}.IpPermissions[{i++}]";
                var proto = JsonExport.String(p, "IpProtocol", pp, source);
                int from = 0, to = 65535;
                if (proto != "-1")
                {
                    from = Port(p, "FromPort", pp, source);
                    to = Port(p, "ToPort", pp, source);
                }
                var sources = new List<string>();
                foreach (var (arr, field) in new[] { ("IpRanges", "CidrIp"), ("Ipv6Ranges", "CidrIpv6"), ("UserIdGroupPairs", "GroupId"), ("PrefixListIds", "PrefixListId") })
                    if (p.TryGetProperty(arr, out var list) && list.ValueKind == JsonValueKind.Array)
                        sources.AddRange(list.EnumerateArray().Select(e => JsonExport.OptionalString(e, field)).OfType<string>());
                foreach (var s in sources) rules.Add(new SecurityGroupRule(id, proto, from, to, s, name, $"{source} {pp}"));
            }
        }
        return rules;
    }

    private static int Port(JsonElement e, string name, string path, string source) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n)
            ? n : throw new FormatException($"{source}: {path}.{name} is missing or not a port number");

    public override string ToString() =>
        $"{Group} {(Protocol == "-1" ? "all" : Protocol)} {(FromPort == ToPort ? FromPort.ToString(CultureInfo.InvariantCulture) : $"{FromPort}-{ToPort}")} from {Source}";

    public static Table ToTable(IEnumerable<SecurityGroupRule> rules)
    {
        var t = new Table("group", "name", "protocol", "ports", "source");
        foreach (var r in rules)
            t.AddRow(r.Group, r.GroupName ?? "", r.Protocol == "-1" ? "all" : r.Protocol, r.FromPort == r.ToPort ? r.FromPort.ToString(CultureInfo.InvariantCulture) : $"{r.FromPort}-{r.ToPort}", r.Source);
        return t;
    }
}
