using System.Collections.Concurrent;

namespace Ops.Display;

/// <summary>
/// One session's formatter registrations. A host gives each session its own registry and makes it
/// current while the session runs (<see cref="Formatter.Use"/>), so a formatter registered by one
/// notebook never changes what the next notebook in the same process shows, and the registrations
/// (and the cell types they name) go away with the session.
/// </summary>
public sealed class FormatterRegistry
{
    private readonly ConcurrentDictionary<Type, (Func<object, MimeBundle> Format, long Order)> _registered = new();
    private readonly TypeCache<Func<object, MimeBundle>?> _resolved = new();
    private long _registrations;

    /// <summary>Replaces an earlier registration for the same type.</summary>
    public void Register(Type type, Func<object, MimeBundle> format)
    {
        _registered[type] = (format, Interlocked.Increment(ref _registrations));
        _resolved.Clear();
    }

    /// <summary>Removes the formatter registered for exactly this type.</summary>
    public void Unregister(Type type)
    {
        _registered.TryRemove(type, out _);
        _resolved.Clear();
    }

    /// <summary>The formatter of the registered type nearest to <paramref name="type"/>, or null.</summary>
    public Func<object, MimeBundle>? Find(Type type) => _registered.IsEmpty ? null : _resolved.GetOrAdd(type, FindMostSpecific);

    /// <summary>
    /// Candidates that another candidate derives from are dropped. Unrelated candidates left over
    /// (a base class and an interface, two interfaces) are decided by class before interface, then by
    /// the latest registration, so the choice never depends on dictionary order.
    /// </summary>
    private Func<object, MimeBundle>? FindMostSpecific(Type type)
    {
        var candidates = _registered.Where(r => r.Key.IsAssignableFrom(type)).ToList();
        var nearest = candidates
            .Where(c => !candidates.Any(o => o.Key != c.Key && c.Key.IsAssignableFrom(o.Key)))
            .OrderBy(c => c.Key.IsInterface)
            .ThenByDescending(c => c.Value.Order)
            .ToList();
        return nearest.Count == 0 ? null : nearest[0].Value.Format;
    }
}
