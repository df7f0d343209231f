using System.Globalization;

namespace Ops.Display;

/// <summary>The formatters used when nothing more specific is registered.</summary>
internal static class BuiltInFormatters
{
    public static MimeBundle Format(object value)
    {
        var text = value switch
        {
            string s => s,
            char c => c.ToString(),
            bool b => b ? "true" : "false",
            IFormattable f when value.GetType().IsPrimitive || value is decimal
                => f.ToString(null, CultureInfo.InvariantCulture),
            _ => Formatter.ToCellText(value),
        };
        return new MimeBundle(text);
    }
}
