using System.Collections.Concurrent;
using System.Globalization;

namespace Ops.Display;

/// <summary>
/// Turns any value into a <see cref="MimeBundle"/>. Formatters are registered by type and the most
/// specific registered type wins (a formatter for a derived class beats one for its base class or
/// interface). Values that render themselves (<see cref="IMimeRenderable"/>) and unregistered types
/// fall back to the built-in formatters.
/// </summary>
public static class Formatter
{
    private static readonly ConcurrentDictionary<Type, (Func<object, MimeBundle> Format, long Order)> Registered = new();
    private static long _registrations;
    private static readonly TypeCache<Func<object, MimeBundle>?> Resolved = new();

    /// <summary>Registers a formatter producing a full bundle; replaces an earlier one for the same type.</summary>
    public static void Register<T>(Func<T, MimeBundle> format)
    {
        ArgumentNullException.ThrowIfNull(format);
        Registered[typeof(T)] = (v => format((T)v), Interlocked.Increment(ref _registrations));
        Resolved.Clear();
    }

    /// <summary>Registers a formatter that only gives the plain text.</summary>
    public static void Register<T>(Func<T, string> plainText)
    {
        ArgumentNullException.ThrowIfNull(plainText);
        Register<T>(v => new MimeBundle(plainText(v)));
    }

    /// <summary>Removes the formatter registered for exactly this type.</summary>
    public static void Unregister<T>()
    {
        Registered.TryRemove(typeof(T), out _);
        Resolved.Clear();
    }

    public static MimeBundle Format(object? value)
    {
        if (value is null) return new MimeBundle("null");
        if (value is MimeBundle bundle) return bundle; // a bundle built by hand (or by Markup) is shown as itself
        var custom = Resolved.GetOrAdd(value.GetType(), FindMostSpecific);
        if (custom != null) return custom(value);
        if (value is IMimeRenderable renderable) return renderable.ToMimeBundle();
        return PlotlyNetFigure.TryFormat(value) ?? BuiltInFormatters.Format(value);
    }

    /// <summary>Only the plain text of the value.</summary>
    public static string ToPlainText(object? value) => Format(value).PlainText;

    /// <summary>
    /// A one-line invariant-culture rendering for table cells and summaries. Nested objects and
    /// sequences are shown compactly (<c>Point { X = 1, Y = 2 }</c>, <c>[1, 2, …]</c>) with nesting
    /// and item counts capped.
    /// </summary>
    public static string ToCellText(object? value) => value switch
    {
        null => "",
        string s => s,
        IFormattable => ScalarText(value),
        _ when TypeShape.IsScalar(value.GetType()) => ScalarText(value),
        _ => CompactText.Of(value),
    };

    /// <summary>Text of a single value (number, date, enum, ...), invariant culture.</summary>
    internal static string ScalarText(object value) => value switch
    {
        string s => s,
        DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture),
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        float f => f.ToString("0.###", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        char c => c.ToString(),
        Type t => TypeShape.DisplayName(t),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => CompactText.SafeToString(value),
    };

    /// <summary>
    /// The registered type nearest to <paramref name="type"/>: candidates that another candidate
    /// derives from are dropped. Unrelated candidates left over (a base class and an interface, two
    /// interfaces) are decided by class before interface, then by the latest registration, so the
    /// choice never depends on dictionary order.
    /// </summary>
    private static Func<object, MimeBundle>? FindMostSpecific(Type type)
    {
        var candidates = Registered.Where(r => r.Key.IsAssignableFrom(type)).ToList();
        var nearest = candidates
            .Where(c => !candidates.Any(o => o.Key != c.Key && c.Key.IsAssignableFrom(o.Key)))
            .OrderBy(c => c.Key.IsInterface)
            .ThenByDescending(c => c.Value.Order)
            .ToList();
        return nearest.Count == 0 ? null : nearest[0].Value.Format;
    }
}
