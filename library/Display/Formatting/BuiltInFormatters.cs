using System.Collections;
using System.Globalization;

namespace Ops.Display;

/// <summary>
/// The formatters used when nothing more specific is registered: single values as text, exceptions
/// as their cause chain, dictionaries as key/value tables, other sequences as tables, and records or
/// plain objects as a list of their properties.
/// </summary>
internal static class BuiltInFormatters
{
    public static MimeBundle Format(object value)
    {
        var type = value.GetType();
        if (value is string s) return new MimeBundle(s);
        // Top-level numbers keep full round-trip precision; cells shorten them.
        if (type.IsPrimitive && value is IFormattable f && value is not char && value is not bool)
            return new MimeBundle(f.ToString(null, CultureInfo.InvariantCulture));
        if (TypeShape.IsScalar(type)) return new MimeBundle(Formatter.ScalarText(value));
        if (value is Exception e) return ExceptionFormatter.Format(e);
        if (value is IDictionary dictionary) return DictionaryFormatter.ToTable(dictionary).ToMimeBundle();
        if (value is IEnumerable sequence) return SequenceFormatter.ToTable(sequence).ToMimeBundle();
        if (TypeShape.HasOwnToString(type) || value is IFormattable) return new MimeBundle(Formatter.ScalarText(value));
        return ObjectFormatter.Format(value);
    }
}
