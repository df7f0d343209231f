using Ops.Snmp;

namespace Ops.Wireless;

/// <summary>
/// A controller replayed from a recording. SETs change the in-memory copy only (never the file),
/// so a notebook can show the effect of a plan on recorded data.
/// </summary>
public sealed class RecordedWlcSource : IWlcSource
{
    private readonly SortedDictionary<Oid, SnmpValue> _data;
    private readonly object _lock = new();

    public RecordedWlcSource(string name, SortedDictionary<Oid, SnmpValue> data, bool usesCli = false)
    {
        Name = name;
        _data = data;
        UsesCli = usesCli;
    }

    /// <summary>Loads <c>.snmprec</c> or <c>snmpwalk -On</c> output; the controller is named after the file unless given.</summary>
    public static RecordedWlcSource Load(string path, string? name = null, bool usesCli = false) =>
        new(name ?? Path.GetFileNameWithoutExtension(path), Recording.Load(path), usesCli);

    public string Name { get; }
    public bool UsesCli { get; }
    public int Requests => 0;
    public int Count { get { lock (_lock) return _data.Count; } }

    public Task<IReadOnlyList<WalkResult>> WalkColumnsAsync(IReadOnlyList<Oid> columns, int maxRows, CancellationToken cancellationToken = default)
    {
        Cancellation.Or(cancellationToken).ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<WalkResult> results = columns.Select(c =>
            {
                var rows = _data.Where(kv => kv.Key.IsUnder(c)).Take(maxRows + 1).Select(kv => new VarBind(kv.Key, kv.Value)).ToList();
                return rows.Count > maxRows
                    ? new WalkResult(c, rows[..maxRows], WalkEnd.RowLimit, 0, $"{Name}: walk of {c} stopped at the limit of {maxRows} rows")
                    : new WalkResult(c, rows, WalkEnd.EndOfSubtree, 0, null);
            }).ToList();
            return Task.FromResult(results);
        }
    }

    public Task<IReadOnlyList<VarBind>> GetAsync(IReadOnlyList<Oid> oids, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<VarBind> result = oids.Select(o => new VarBind(o, _data.TryGetValue(o, out var v) ? v : SnmpValue.NoSuchInstance)).ToList();
            return Task.FromResult(result);
        }
    }

    public Task SetAsync(IReadOnlyList<VarBind> varBinds, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var vb in varBinds)
            {
                if (!_data.TryGetValue(vb.Oid, out var old))
                    throw new SnmpException($"{Name} (recording): no object {vb.Oid} to set");
                if (old.Type != vb.Value.Type)
                    throw new SnmpException($"{Name} (recording): {vb.Oid} is {old.Type}, cannot set a {vb.Value.Type}");
            }
            foreach (var vb in varBinds) _data[vb.Oid] = vb.Value;
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Drops the bindings under <paramref name="root"/> from the in-memory copy, as when a controller's
    /// entries age out (radar-detected channels after the non-occupancy period); returns how many.
    /// </summary>
    public int Forget(Oid root)
    {
        lock (_lock)
        {
            var gone = _data.Keys.Where(k => k.IsUnder(root) || k == root).ToList();
            foreach (var k in gone) _data.Remove(k);
            return gone.Count;
        }
    }

    /// <summary>Every binding, as a walk of the whole recording would return them.</summary>
    public IReadOnlyList<VarBind> All() { lock (_lock) return _data.Select(kv => new VarBind(kv.Key, kv.Value)).ToList(); }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public override string ToString() => $"{Name} (recording, {Count} objects)";
}
