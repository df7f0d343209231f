using System.Text.Json;
using Ops.Display;

namespace Ops.Aws.Elasticsearch;

/// <summary>One index from <c>_cat/indices</c>.</summary>
public sealed record IndexInfo(string Name, string Health, string Status, long Primaries, long Replicas, long Documents, long DeletedDocuments, long StoreBytes, long PrimaryStoreBytes);

/// <summary>Indices of a cluster, sorted by name; system indices (leading dot) included.</summary>
public sealed class IndexList : IReadOnlyList<IndexInfo>, IMimeRenderable
{
    private readonly List<IndexInfo> _items;

    private IndexList(List<IndexInfo> items) => _items = items;

    public static IndexList FromJson(JsonElement e, string host = "cluster")
    {
        EsJson.Expect(e, JsonValueKind.Array, "_cat/indices?format=json", host);
        return new IndexList(e.EnumerateArray().Select(r => new IndexInfo(EsJson.Str(r, "index"), EsJson.Str(r, "health"), EsJson.Str(r, "status"),
            EsJson.Long(r, "pri"), EsJson.Long(r, "rep"), EsJson.Long(r, "docs.count"), EsJson.Long(r, "docs.deleted"),
            EsJson.Long(r, "store.size"), EsJson.Long(r, "pri.store.size"))).OrderBy(i => i.Name, StringComparer.Ordinal).ToList());
    }

    public IndexInfo this[int index] => _items[index];
    public int Count => _items.Count;
    public IEnumerator<IndexInfo> GetEnumerator() => _items.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public Table ToTable()
    {
        var t = new Table(new[] { new TableColumn("index"), new TableColumn("health"), new TableColumn("status"), new TableColumn("pri", Alignment.Right),
            new TableColumn("rep", Alignment.Right), new TableColumn("docs", Alignment.Right), new TableColumn("deleted", Alignment.Right), new TableColumn("store", Alignment.Right) });
        foreach (var i in _items) t.AddRow(i.Name, i.Health, i.Status, i.Primaries, i.Replicas, i.Documents, i.DeletedDocuments, Bytes(i.StoreBytes));
        return t;
    }

    private static string Bytes(long b) => b switch
    {
        >= 1L << 30 => $"{b / (double)(1L << 30):0.0} GiB",
        >= 1L << 20 => $"{b / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{b / 1024.0:0.0} KiB",
        _ => $"{b} B",
    };

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
}
