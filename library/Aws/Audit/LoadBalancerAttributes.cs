using System.Text.Json;
using Ops.Display;

namespace Ops.Aws.Audit;

/// <summary>The attributes of one load balancer (<c>aws elbv2 describe-load-balancer-attributes</c>).</summary>
public sealed record LoadBalancerAttributes(string LoadBalancer, IReadOnlyDictionary<string, string> Attributes, string Source)
{
    public bool AccessLogsEnabled => Attributes.TryGetValue("access_logs.s3.enabled", out var v) && v == "true";
}

/// <summary>
/// Load balancer attributes for several load balancers. The CLI output has no name in it, so the export is
/// either an array of <c>{"LoadBalancerArn": ..., "Attributes": [...]}</c> or an object mapping ARN/name to the
/// CLI output.
/// </summary>
public sealed class LoadBalancerReport : IMimeRenderable
{
    private LoadBalancerReport(List<LoadBalancerAttributes> lbs) => LoadBalancers = lbs;

    public IReadOnlyList<LoadBalancerAttributes> LoadBalancers { get; }

    public static LoadBalancerReport Load(string path) => Parse(File.ReadAllText(path), path);

    public static LoadBalancerReport Parse(string json, string source = "load balancer attributes")
    {
        using var doc = JsonExport.Parse(json, source);
        var root = doc.RootElement;
        var list = new List<LoadBalancerAttributes>();
        if (root.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in root.EnumerateArray())
            {
                var path = $"[{i++}]";
                var name = JsonExport.OptionalString(item, "LoadBalancerArn") ?? JsonExport.OptionalString(item, "LoadBalancerName")
                    ?? throw new FormatException($"{source}: {path} has neither LoadBalancerArn nor LoadBalancerName");
                list.Add(new LoadBalancerAttributes(name, ReadAttributes(item, path, source), $"{source} {path}"));
            }
        }
        else if (root.ValueKind == JsonValueKind.Object && !root.TryGetProperty("Attributes", out _))
        {
            foreach (var p in root.EnumerateObject())
                list.Add(new LoadBalancerAttributes(p.Name, ReadAttributes(p.Value, p.Name, source), $"{source} {p.Name}"));
        }
        else throw new FormatException($"{source}: a bare describe-load-balancer-attributes output does not say which load balancer it is; wrap it as {{\"<arn>\": <output>}}");
        return new LoadBalancerReport(list);
    }

    private static Dictionary<string, string> ReadAttributes(JsonElement item, string path, string source)
    {
        if (!item.TryGetProperty("Attributes", out var attrs) || attrs.ValueKind != JsonValueKind.Array)
            throw new FormatException($"{source}: {path}.Attributes is missing or not an array");
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var a in attrs.EnumerateArray())
        {
            var p = $"{path}.Attributes[{i++}]";
            d[JsonExport.String(a, "Key", p, source)] = JsonExport.String(a, "Value", p, source);
        }
        return d;
    }

    public Table ToTable()
    {
        var t = new Table("load balancer", "access_logs.s3.enabled", "bucket", "deletion protection");
        foreach (var lb in LoadBalancers)
            t.AddRow(lb.LoadBalancer, lb.AccessLogsEnabled, lb.Attributes.GetValueOrDefault("access_logs.s3.bucket", ""), lb.Attributes.GetValueOrDefault("deletion_protection.enabled", ""));
        return t;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
}
