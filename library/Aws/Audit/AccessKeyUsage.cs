using System.Text.Json;
using Ops.Display;

namespace Ops.Aws.Audit;

/// <summary>One access key with its status and last use (list-access-keys + get-access-key-last-used).</summary>
public sealed record AccessKeyUsage(string AccessKeyId, string UserName, string Status, DateTimeOffset? Created, DateTimeOffset? LastUsed, string? Service, string? Region, string Source);

/// <summary>
/// Access keys and when they were last used. Accepts the CLI's <c>get-access-key-last-used</c> output
/// (one object, or an array of them) with <c>AccessKeyId</c> added beside <c>UserName</c> since the CLI
/// output omits it, and optionally <c>Status</c>/<c>CreateDate</c> from <c>list-access-keys</c>.
/// </summary>
public sealed class AccessKeyReport : IMimeRenderable
{
    private AccessKeyReport(List<AccessKeyUsage> keys) => Keys = keys;

    public IReadOnlyList<AccessKeyUsage> Keys { get; }

    public static AccessKeyReport Load(string path) => Parse(File.ReadAllText(path), path);

    public static AccessKeyReport Parse(string json, string source = "access keys")
    {
        using var doc = JsonExport.Parse(json, source);
        var root = doc.RootElement;
        var items = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("AccessKeyLastUsed", out _)
            ? new[] { (root, "$") }
            : JsonExport.Items(root, "AccessKeys", source).ToArray();
        var keys = new List<AccessKeyUsage>();
        foreach (var (item, path) in items)
        {
            var id = JsonExport.String(item, "AccessKeyId", path, source);
            var user = JsonExport.String(item, "UserName", path, source);
            DateTimeOffset? lastUsed = null;
            string? service = null, region = null;
            if (item.TryGetProperty("AccessKeyLastUsed", out var lu) && lu.ValueKind == JsonValueKind.Object)
            {
                lastUsed = JsonExport.OptionalDate(lu, "LastUsedDate", path + ".AccessKeyLastUsed", source);
                service = JsonExport.OptionalString(lu, "ServiceName");
                region = JsonExport.OptionalString(lu, "Region");
                if (service == "N/A") service = null;
                if (region == "N/A") region = null;
            }
            else throw new FormatException($"{source}: {path}.AccessKeyLastUsed is missing; save 'aws iam get-access-key-last-used' output for each key");
            keys.Add(new AccessKeyUsage(id, user, JsonExport.OptionalString(item, "Status") ?? "Active",
                JsonExport.OptionalDate(item, "CreateDate", path, source), lastUsed, service, region, $"{source} {path}"));
        }
        return new AccessKeyReport(keys);
    }

    public Table ToTable()
    {
        var t = new Table("access key", "user", "status", "created", "last used", "service", "region");
        foreach (var k in Keys) t.AddRow(k.AccessKeyId, k.UserName, k.Status, k.Created, k.LastUsed, k.Service, k.Region);
        return t;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
}
