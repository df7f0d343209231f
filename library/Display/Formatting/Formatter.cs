using System.Globalization;

namespace Ops.Display;

/// <summary>
/// Turns any value into a <see cref="MimeBundle"/>. Formatters are registered by type and the most
/// specific registered type wins (a formatter for a derived class beats one for its base class or
/// interface). Values that render themselves (<see cref="IMimeRenderable"/>) and unregistered types
/// fall back to the built-in formatters. Registrations belong to the current session
/// (<see cref="FormatterRegistry"/>) and end with it.
/// </summary>
public static class Formatter
{
    /// <summary>Registrations made outside any session (a program using the library directly).</summary>
    private static readonly FormatterRegistry Process = new();
    private static readonly AsyncLocal<FormatterRegistry?> Session = new();

    /// <summary>The registry of the running session, or the process's when no session is current.</summary>
    public static FormatterRegistry Current => Session.Value ?? Process;

    /// <summary>
    /// Makes <paramref name="registry"/> current until the returned scope is disposed. Flows with async
    /// calls, like <see cref="DisplayContext.Use"/>: a session's cells register and format in its own registry.
    /// </summary>
    public static IDisposable Use(FormatterRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return AmbientScope<FormatterRegistry>.Set(Session, registry);
    }

    /// <summary>Registers a formatter producing a full bundle for this session; replaces an earlier one for the same type.</summary>
    public static void Register<T>(Func<T, MimeBundle> format)
    {
        ArgumentNullException.ThrowIfNull(format);
        Current.Register(typeof(T), v => format((T)v));
    }

    /// <summary>Registers a formatter that only gives the plain text.</summary>
    public static void Register<T>(Func<T, string> plainText)
    {
        ArgumentNullException.ThrowIfNull(plainText);
        Register<T>(v => new MimeBundle(plainText(v)));
    }

    /// <summary>Removes the formatter registered for exactly this type.</summary>
    public static void Unregister<T>() => Current.Unregister(typeof(T));

    public static MimeBundle Format(object? value)
    {
        if (value is null) return new MimeBundle("null");
        if (value is MimeBundle bundle) return bundle; // a bundle built by hand (or by Markup) is shown as itself
        var custom = Current.Find(value.GetType());
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
}
