using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Ops.Display;

/// <summary>
/// A per-type cache that does not keep collectible types alive. Types declared by notebook cells
/// live in collectible assemblies the engine unloads; a plain dictionary keyed by them would keep
/// every such cell loaded for the life of the process.
/// </summary>
internal sealed class TypeCache<TValue>
{
    private readonly ConcurrentDictionary<Type, TValue> _lasting = new();
    private readonly ConditionalWeakTable<Type, StrongBox<TValue>> _collectible = new();

    public TValue GetOrAdd(Type type, Func<Type, TValue> create) =>
        type.IsCollectible
            ? _collectible.GetValue(type, t => new StrongBox<TValue>(create(t))).Value!
            : _lasting.GetOrAdd(type, create);

    public void Clear()
    {
        _lasting.Clear();
        _collectible.Clear();
    }
}
