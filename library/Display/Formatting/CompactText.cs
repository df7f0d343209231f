using System.Collections;
using System.Globalization;
using System.Text;

namespace Ops.Display;

/// <summary>
/// One-line text of a value nested inside a table cell or a property list. Nesting is cut off after
/// a couple of levels and sequences after a few items, so a cyclic object graph or an endless
/// sequence in a property cannot hang or overflow the display.
/// </summary>
internal static class CompactText
{
    public const int MaxDepth = 2;
    public const int MaxItems = 10;

    public static string Of(object? value)
    {
        var sb = new StringBuilder();
        Append(sb, value, 0);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, object? value, int depth)
    {
        switch (value)
        {
            case null: sb.Append("null"); return;
            case string s: sb.Append(s); return;
        }
        var type = value.GetType();
        if (TypeShape.IsScalar(type) || value is IFormattable)
        {
            sb.Append(Formatter.ScalarText(value));
            return;
        }
        if (value is IEnumerable sequence)
        {
            AppendSequence(sb, sequence, depth);
            return;
        }
        if (TypeShape.HasOwnToString(type))
        {
            sb.Append(SafeToString(value));
            return;
        }
        if (depth >= MaxDepth)
        {
            TypeShape.AppendCutOff(sb, value);
            return;
        }
        if (!TypeShape.IsAnonymous(type)) sb.Append(TypeShape.DisplayName(type)).Append(' ');
        var props = TypeShape.Members(type);
        if (props.Length == 0)
        {
            sb.Append("{ }");
            return;
        }
        sb.Append("{ ");
        for (var i = 0; i < props.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(props[i].Name).Append(" = ");
            Append(sb, TypeShape.SafeGet(props[i], value), depth + 1);
        }
        sb.Append(" }");
    }

    private static void AppendSequence(StringBuilder sb, IEnumerable sequence, int depth)
    {
        var count = sequence is ICollection c ? c.Count : (int?)null;
        if (depth >= MaxDepth)
        {
            sb.Append("[…");
            if (count is int n) sb.Append(' ').Append(n.ToString(CultureInfo.InvariantCulture)).Append(" items");
            sb.Append(']');
            return;
        }
        sb.Append('[');
        var shown = 0;
        var more = false;
        var enumerator = sequence.GetEnumerator();
        try
        {
            while (enumerator.MoveNext())
            {
                if (shown == MaxItems) { more = true; break; }
                if (shown > 0) sb.Append(", ");
                Append(sb, enumerator.Current, depth + 1);
                shown++;
            }
        }
        finally
        {
            (enumerator as IDisposable)?.Dispose();
        }
        if (more)
        {
            sb.Append(", …");
            if (count is int n) sb.Append(" (").Append(n.ToString(CultureInfo.InvariantCulture)).Append(" items)");
        }
        sb.Append(']');
    }

    /// <summary>A throwing ToString must not take the whole display down with it.</summary>
    internal static string SafeToString(object value)
    {
        try { return value.ToString() ?? ""; }
        catch (Exception e) when (e is not OutOfMemoryException) { return "<" + e.GetType().Name + " in ToString>"; }
    }
}
