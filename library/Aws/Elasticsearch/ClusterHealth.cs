using System.Globalization;
using System.Text.Json;
using Ops.Display;

namespace Ops.Aws.Elasticsearch;

/// <summary>Reads loosely typed Elasticsearch JSON: _cat APIs return numbers as strings.</summary>
internal static class EsJson
{
    public static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString() ?? "",
            JsonValueKind.Null => "",
            _ => v.GetRawText(),
        } : "";

    public static long Long(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v)) return 0;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n)) return n;
        if (v.ValueKind == JsonValueKind.String && long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n)) return n;
        return 0;
    }

    public static double Double(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v)) return double.NaN;
        if (v.ValueKind == JsonValueKind.Number) return v.GetDouble();
        return v.ValueKind == JsonValueKind.String && double.TryParse(v.GetString()?.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN;
    }

    public static void Expect(JsonElement e, JsonValueKind kind, string what, string host)
    {
        if (e.ValueKind != kind) throw new FormatException($"{host}: {what} answered {e.ValueKind}, expected {kind}: {Snip(e.GetRawText())}");
    }

    private static string Snip(string s) => s.Length <= 200 ? s : s[..200] + "...";
}

/// <summary><c>_cluster/health</c>: status, nodes and shard counts.</summary>
public sealed record ClusterHealth(string Cluster, string Status, bool TimedOut, long Nodes, long DataNodes, long ActivePrimaryShards, long ActiveShards,
    long RelocatingShards, long InitializingShards, long UnassignedShards, long PendingTasks, double ActiveShardsPercent) : IMimeRenderable
{
    public static ClusterHealth FromJson(JsonElement e, string host = "cluster")
    {
        EsJson.Expect(e, JsonValueKind.Object, "_cluster/health", host);
        if (!e.TryGetProperty("status", out _)) throw new FormatException($"{host}: _cluster/health has no 'status' field");
        return new ClusterHealth(EsJson.Str(e, "cluster_name"), EsJson.Str(e, "status"), EsJson.Str(e, "timed_out") == "true",
            EsJson.Long(e, "number_of_nodes"), EsJson.Long(e, "number_of_data_nodes"), EsJson.Long(e, "active_primary_shards"), EsJson.Long(e, "active_shards"),
            EsJson.Long(e, "relocating_shards"), EsJson.Long(e, "initializing_shards"), EsJson.Long(e, "unassigned_shards"), EsJson.Long(e, "number_of_pending_tasks"),
            EsJson.Double(e, "active_shards_percent_as_number"));
    }

    public Table ToTable()
    {
        var t = new Table(new[] { new TableColumn("cluster"), new TableColumn("status"), new TableColumn("nodes", Alignment.Right), new TableColumn("data", Alignment.Right),
            new TableColumn("primaries", Alignment.Right), new TableColumn("shards", Alignment.Right), new TableColumn("relocating", Alignment.Right),
            new TableColumn("initializing", Alignment.Right), new TableColumn("unassigned", Alignment.Right), new TableColumn("pending tasks", Alignment.Right),
            new TableColumn("active shards", Alignment.Right) });
        t.AddRow(Cluster, Status, Nodes, DataNodes, ActivePrimaryShards, ActiveShards, RelocatingShards, InitializingShards, UnassignedShards, PendingTasks, new Bar(ActiveShardsPercent));
        return t;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
}

/// <summary>One row of <c>_cat/health</c> (as printed by the cluster: "1631520212 08:03:32 *** green 1 1 2 2 0 0 0 0 - 100.0%").</summary>
public sealed record CatHealthRow(long Epoch, string Timestamp, string Cluster, string Status, long NodeTotal, long NodeData, long Shards, long Primaries,
    long Relocating, long Initializing, long Unassigned, long PendingTasks, string MaxTaskWait, double ActiveShardsPercent);

public sealed class CatHealth : IMimeRenderable
{
    private CatHealth(List<CatHealthRow> rows) => Rows = rows;

    public IReadOnlyList<CatHealthRow> Rows { get; }
    public string Status => Rows.Count == 0 ? "" : Rows[0].Status;

    public static CatHealth FromJson(JsonElement e, string host = "cluster")
    {
        EsJson.Expect(e, JsonValueKind.Array, "_cat/health?format=json", host);
        return new CatHealth(e.EnumerateArray().Select(r => new CatHealthRow(EsJson.Long(r, "epoch"), EsJson.Str(r, "timestamp"), EsJson.Str(r, "cluster"), EsJson.Str(r, "status"),
            EsJson.Long(r, "node.total"), EsJson.Long(r, "node.data"), EsJson.Long(r, "shards"), EsJson.Long(r, "pri"), EsJson.Long(r, "relo"), EsJson.Long(r, "init"),
            EsJson.Long(r, "unassign"), EsJson.Long(r, "pending_tasks"), EsJson.Str(r, "max_task_wait_time"), EsJson.Double(r, "active_shards_percent"))).ToList());
    }

    public Table ToTable()
    {
        var t = new Table("epoch", "timestamp", "cluster", "status", "node.total", "node.data", "shards", "pri", "relo", "init", "unassign", "pending_tasks", "max_task_wait_time", "active_shards_percent");
        foreach (var r in Rows)
            t.AddRow(r.Epoch, r.Timestamp, r.Cluster, r.Status, r.NodeTotal, r.NodeData, r.Shards, r.Primaries, r.Relocating, r.Initializing, r.Unassigned, r.PendingTasks, r.MaxTaskWait, new Bar(r.ActiveShardsPercent));
        return t;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
}
