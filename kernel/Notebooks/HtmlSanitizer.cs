using System.Net;
using System.Text;
using Ops.Display;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// Makes HTML and SVG from cell outputs safe to embed in an exported page: an allow-list of
/// tags; script, iframe, object and foreignObject dropped with their content; event handler
/// attributes and javascript:/external URLs dropped; style that could load anything removed.
/// Unknown tags are dropped and their text kept. (The page's Content-Security-Policy blocks
/// scripts and external requests as a second line.)
/// </summary>
public static class HtmlSanitizer
{
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
        "img", "ins", "kbd", "label", "li", "mark", "meter", "ol", "p", "pre", "progress", "q", "s", "samp", "small", "span", "strong",
        "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
        "section", "article", "header", "footer", "aside", "main", "nav", "style",
        // SVG
        "svg", "g", "defs", "symbol", "use", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan",
        "textPath", "title", "desc", "marker", "clipPath", "mask", "pattern", "linearGradient", "radialGradient", "stop", "image",
        "filter", "feGaussianBlur", "feOffset", "feBlend", "feFlood", "feComposite", "feMerge", "feMergeNode", "feColorMatrix", "metadata",
    };

    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "noembed", "noframes", "template",
        "foreignObject", "xmp", "plaintext", "textarea", "select", "math", "audio", "video", "canvas", "head",
    };

    private static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "xlink:href", "src", "data", "action", "formaction", "cite", "longdesc", "usemap", "codebase", "dynsrc", "lowsrc",
        "background", "poster", "srcset", "ping", "manifest", "icon", "profile",
    };

    public static string Sanitize(string html)
    {
        var sb = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0) { AppendText(sb, html, i, html.Length); break; }
            AppendText(sb, html, i, lt);
            i = Tag(sb, html, lt);
        }
        return sb.ToString();
    }

    // Text between tags is already HTML; only a stray '>' is re-escaped so nothing can close early.
    private static void AppendText(StringBuilder sb, string html, int from, int to)
    {
        for (var k = from; k < to; k++) sb.Append(html[k] == '>' ? "&gt;" : html[k].ToString());
    }

    private static int Tag(StringBuilder sb, string html, int lt)
    {
        if (Starts(html, lt, "<!--")) return SkipPast(html, lt + 4, "-->");
        if (Starts(html, lt, "<![CDATA[")) return SkipPast(html, lt, "]]>");
        if (lt + 1 < html.Length && html[lt + 1] is '!' or '?') return SkipPast(html, lt, ">");

        var closing = lt + 1 < html.Length && html[lt + 1] == '/';
        var p = lt + (closing ? 2 : 1);
        var nameStart = p;
        while (p < html.Length && (char.IsAsciiLetterOrDigit(html[p]) || html[p] is ':' or '-' or '_')) p++;
        if (p == nameStart || !char.IsAsciiLetter(html[nameStart]))
        {
            sb.Append("&lt;");
            return lt + 1;
        }
        var name = html[nameStart..p];
        var (attributes, selfClosing, end) = Attributes(html, p);

        if (closing)
        {
            if (Allowed.Contains(name)) sb.Append("</").Append(name).Append('>');
            return end;
        }
        if (DroppedWithContent.Contains(name)) return SkipElement(html, end, name);
        if (name.Equals("style", StringComparison.OrdinalIgnoreCase))
        {
            var close = html.IndexOf("</style", end, StringComparison.OrdinalIgnoreCase);
            var css = close < 0 ? html[end..] : html[end..close];
            if (SafeCss(css)) sb.Append("<style>").Append(css).Append("</style>");
            return close < 0 ? html.Length : SkipPast(html, close, ">");
        }
        if (!Allowed.Contains(name)) return end;

        var tag = new StringBuilder("<").Append(name);
        var droppedImage = false;
        foreach (var (attrName, value) in attributes)
        {
            if (!SafeAttribute(name, attrName, value))
            {
                if (attrName.Equals("src", StringComparison.OrdinalIgnoreCase) || attrName.Equals("href", StringComparison.OrdinalIgnoreCase) && name == "image") droppedImage = true;
                continue;
            }
            tag.Append(' ').Append(attrName);
            if (value is not null) tag.Append("=\"").Append(Html.Escape(value)).Append('"');
        }
        if (droppedImage && name.Equals("img", StringComparison.OrdinalIgnoreCase))
        {
            // An external image would be a request from the reader's browser: show its alt text instead.
            var alt = attributes.FirstOrDefault(a => a.Name.Equals("alt", StringComparison.OrdinalIgnoreCase)).Value;
            sb.Append("<span class=\"image-removed\">[image: ").Append(Html.Escape(alt ?? "external")).Append("]</span>");
            return end;
        }
        sb.Append(tag).Append(selfClosing ? " />" : ">");
        return end;
    }

    private static (List<(string Name, string? Value)> Attributes, bool SelfClosing, int End) Attributes(string html, int p)
    {
        var list = new List<(string, string?)>();
        while (p < html.Length)
        {
            while (p < html.Length && (char.IsWhiteSpace(html[p]) || html[p] == '/' && p + 1 < html.Length && html[p + 1] != '>')) p++;
            if (p >= html.Length) break;
            if (html[p] == '>') return (list, false, p + 1);
            if (html[p] == '/' && p + 1 < html.Length && html[p + 1] == '>') return (list, true, p + 2);
            var start = p;
            while (p < html.Length && !char.IsWhiteSpace(html[p]) && html[p] is not ('=' or '>' or '/')) p++;
            if (p == start) { p++; continue; }
            var name = html[start..p];
            while (p < html.Length && char.IsWhiteSpace(html[p])) p++;
            string? value = null;
            if (p < html.Length && html[p] == '=')
            {
                p++;
                while (p < html.Length && char.IsWhiteSpace(html[p])) p++;
                if (p < html.Length && html[p] is '"' or '\'')
                {
                    var quote = html[p];
                    var close = html.IndexOf(quote, p + 1);
                    if (close < 0) close = html.Length;
                    value = html[(p + 1)..close];
                    p = Math.Min(close + 1, html.Length);
                }
                else
                {
                    var vs = p;
                    while (p < html.Length && !char.IsWhiteSpace(html[p]) && html[p] != '>') p++;
                    value = html[vs..p];
                }
                value = WebUtility.HtmlDecode(value);
            }
            list.Add((name, value));
        }
        return (list, false, html.Length);
    }

    private static bool SafeAttribute(string tag, string name, string? value)
    {
        if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase)) return false;
        foreach (var c in name) if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.')) return false;
        if (name.Equals("srcdoc", StringComparison.OrdinalIgnoreCase) || name.Equals("is", StringComparison.OrdinalIgnoreCase)) return false;
        if (value is null) return true;
        if (name.Equals("style", StringComparison.OrdinalIgnoreCase)) return SafeCss(value);
        if (!UrlAttributes.Contains(name)) return !Compact(value).Contains("javascript:", StringComparison.Ordinal);
        var url = Compact(value);
        if (url.StartsWith('#')) return true;
        if (url.StartsWith("data:image/", StringComparison.Ordinal) && !url.StartsWith("data:image/svg", StringComparison.Ordinal))
            return name.Equals("src", StringComparison.OrdinalIgnoreCase) || tag.Equals("image", StringComparison.OrdinalIgnoreCase);
        // Links are followed only when clicked: plain web and mail links may stay.
        if (name.Equals("href", StringComparison.OrdinalIgnoreCase) && tag.Equals("a", StringComparison.OrdinalIgnoreCase))
            return url.StartsWith("http://", StringComparison.Ordinal) || url.StartsWith("https://", StringComparison.Ordinal)
                || url.StartsWith("mailto:", StringComparison.Ordinal) || !HasScheme(url);
        return false;
    }

    private static bool SafeCss(string css)
    {
        var c = Compact(WebUtility.HtmlDecode(css));
        // CSS escapes can spell url( or expression( in hex; refuse any backslash.
        return !(c.Contains("url(") || c.Contains("expression") || c.Contains("javascript:") || c.Contains("@import")
                 || c.Contains("behavior") || c.Contains("-moz-binding") || c.Contains('\\') || c.Contains("</"));
    }

    // Lower case without whitespace, control characters or comments: "java\nscript:" is javascript:.
    private static string Compact(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s) if (!char.IsWhiteSpace(ch) && !char.IsControl(ch)) sb.Append(char.ToLowerInvariant(ch));
        var text = sb.ToString();
        while (true)
        {
            var a = text.IndexOf("/*", StringComparison.Ordinal);
            if (a < 0) return text;
            var b = text.IndexOf("*/", a + 2, StringComparison.Ordinal);
            text = b < 0 ? text[..a] : text[..a] + text[(b + 2)..];
        }
    }

    private static bool HasScheme(string url)
    {
        var colon = url.IndexOf(':');
        if (colon < 0) return false;
        var slash = url.IndexOfAny(['/', '?', '#']);
        return slash < 0 || colon < slash;
    }

    private static bool Starts(string s, int at, string prefix) => string.CompareOrdinal(s, at, prefix, 0, prefix.Length) == 0;

    private static int SkipPast(string html, int from, string marker)
    {
        var k = html.IndexOf(marker, from, StringComparison.OrdinalIgnoreCase);
        return k < 0 ? html.Length : k + marker.Length;
    }

    // Skips to after the matching close tag, counting nested elements of the same name.
    private static int SkipElement(string html, int from, string name)
    {
        var depth = 1;
        var p = from;
        while (depth > 0)
        {
            var next = html.IndexOf('<', p);
            if (next < 0) return html.Length;
            var closing = next + 1 < html.Length && html[next + 1] == '/';
            var at = next + (closing ? 2 : 1);
            if (at + name.Length <= html.Length && string.Compare(html, at, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (at + name.Length == html.Length || !char.IsAsciiLetterOrDigit(html[at + name.Length])))
            {
                depth += closing ? -1 : 1;
                if (name.Equals("script", StringComparison.OrdinalIgnoreCase) && !closing) depth--; // script does not nest
            }
            p = next + 1;
            if (depth == 0) return SkipPast(html, next, ">");
        }
        return html.Length;
    }
}
