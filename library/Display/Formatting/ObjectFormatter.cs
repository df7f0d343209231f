using System.Text;

namespace Ops.Display;

/// <summary>
/// A record or plain object as the list of its public properties: <c>Name: value</c> lines in text,
/// a two-column escaped table in HTML. Property values are shown compactly, so nested objects and
/// cycles stop after a couple of levels.
/// </summary>
internal static class ObjectFormatter
{
    public static MimeBundle Format(object value)
    {
        var type = value.GetType();
        var props = TypeShape.Members(type);
        var typeName = TypeShape.DisplayName(type);
        if (props.Length == 0)
            return new MimeBundle(typeName).With(MimeTypes.Html, "<code>" + Html.Escape(typeName) + "</code>");

        var cells = props.Select(p => (p.Name, Text: Formatter.ToCellText(TypeShape.SafeGet(p, value)))).ToArray();
        var text = string.Join("\n", cells.Select(c => c.Name + ": " + c.Text));

        var html = new StringBuilder("<table class=\"ops-object\">");
        if (!TypeShape.IsAnonymous(type)) html.Append("<caption>").Append(Html.Escape(typeName)).Append("</caption>");
        html.Append("<tbody>");
        foreach (var (name, cellText) in cells)
        {
            html.Append("<tr><th style=\"text-align:left\">").Append(Html.Escape(name)).Append("</th><td style=\"text-align:left\">");
            Html.AppendEscaped(html, cellText);
            html.Append("</td></tr>");
        }
        html.Append("</tbody></table>");
        return new MimeBundle(text).With(MimeTypes.Html, html.ToString());
    }
}
