using System.Text;

namespace Ops.Display;

/// <summary>
/// An exception as its type and message followed by its causes (inner exceptions, every inner
/// exception of an AggregateException). Stack traces are left out: they hold machine paths and
/// line numbers that would make stored notebook outputs differ between runs.
/// </summary>
internal static class ExceptionFormatter
{
    private const int MaxCauses = 20;

    public static MimeBundle Format(Exception exception)
    {
        var causes = Causes(exception);
        var text = new StringBuilder();
        var html = new StringBuilder("<div class=\"ops-exception\" style=\"white-space:pre-wrap\">");
        for (var i = 0; i < causes.Count; i++)
        {
            var (depth, e) = causes[i];
            var typeName = TypeShape.DisplayName(e.GetType());
            if (i > 0) text.Append('\n').Append(new string(' ', depth * 2 - 1)).Append("---> ");
            text.Append(typeName).Append(": ").Append(e.Message);
            html.Append("<div style=\"margin-left:").Append((depth * 2).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("em\">");
            if (i > 0) html.Append("caused by ");
            html.Append("<b>").Append(Html.Escape(typeName)).Append("</b>: ");
            Html.AppendEscaped(html, e.Message);
            html.Append("</div>");
        }
        if (causes.Count == MaxCauses) { text.Append("\n(more causes not shown)"); html.Append("<div>(more causes not shown)</div>"); }
        html.Append("</div>");
        return new MimeBundle(text.ToString()).With(MimeTypes.Html, html.ToString());
    }

    /// <summary>The exception and its causes depth-first, capped in count (inner chains can be cyclic via custom types).</summary>
    private static List<(int Depth, Exception Exception)> Causes(Exception root)
    {
        var result = new List<(int, Exception)>();
        var seen = new HashSet<Exception>(ReferenceEqualityComparer.Instance);
        void Visit(Exception e, int depth)
        {
            if (result.Count >= MaxCauses || !seen.Add(e)) return;
            result.Add((depth, e));
            if (e is AggregateException agg)
                foreach (var inner in agg.InnerExceptions) Visit(inner, depth + 1);
            else if (e.InnerException != null)
                Visit(e.InnerException, depth + 1);
        }
        Visit(root, 0);
        return result;
    }
}
