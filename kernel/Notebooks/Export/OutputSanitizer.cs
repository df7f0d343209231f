using AngleSharp.Dom;
using Ganss.Xss;
using Ops.Display;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// Makes HTML and SVG from cell outputs and markdown safe to embed in an exported page. The markup
/// is parsed by an HTML5 parser (HtmlSanitizer over AngleSharp) as a browser parses it, so markup
/// hidden where a hand-written scanner sees text (inside SVG's <c>&lt;style&gt;</c>, MathML, comments)
/// is seen and judged like any other. What stays is an allow-list of what ops itself emits: text
/// markup, tables, details, images as data URIs, and the SVG elements and presentation attributes of
/// the chart renderer. Links keep http(s)/mailto/fragment targets; external images become
/// <c>[image: alt]</c>; styles keep only layout and colour properties without <c>url()</c>.
/// The page's Content-Security-Policy blocks scripts and requests as a second line.
/// </summary>
public static class OutputSanitizer
{
    private static readonly string[] HtmlTags =
    [
        "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
        "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
        "li", "mark", "meter", "ol", "p", "pre", "progress", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup",
        "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr", "section", "article", "header",
        "footer", "aside", "nav", "input",
    ];

    // The chart renderer's elements (library/Display/Charts/SvgChartRenderer) and plain static SVG shapes.
    private static readonly string[] SvgTags =
    [
        "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "title", "desc", "defs",
        "linearGradient", "radialGradient", "stop",
    ];

    private static readonly string[] Attributes =
    [
        // HTML
        "class", "id", "title", "alt", "src", "href", "width", "height", "colspan", "rowspan", "align", "valign", "style", "role",
        "value", "max", "min", "open", "datetime", "lang", "dir", "start", "type", "checked", "disabled", "scope", "abbr", "reversed",
        // SVG presentation and geometry
        "xmlns", "viewBox", "preserveAspectRatio", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "d", "points",
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-dasharray", "stroke-linecap", "stroke-linejoin",
        "stroke-opacity", "opacity", "transform", "text-anchor", "dominant-baseline", "font-family", "font-size", "font-weight",
        "font-style", "offset", "stop-color", "stop-opacity", "gradientUnits", "dx", "dy",
    ];

    private static readonly string[] CssProperties =
    [
        "color", "background-color", "font-weight", "font-style", "font-size", "font-family", "text-align", "text-decoration",
        "vertical-align", "white-space", "padding", "padding-top", "padding-right", "padding-bottom", "padding-left", "margin",
        "margin-top", "margin-right", "margin-bottom", "margin-left", "border", "border-top", "border-right", "border-bottom",
        "border-left", "border-color", "border-style", "border-width", "border-collapse", "width", "height", "max-width",
        "min-width", "opacity", "display", "fill", "stroke",
    ];

    // Sanitizer instances are not documented as thread-safe; one per thread.
    [ThreadStatic] private static HtmlSanitizer? _sanitizer;

    public static string Sanitize(string html) => (_sanitizer ??= Create()).Sanitize(html);

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(HtmlTags.Concat(SvgTags), StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(CssProperties, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto", "data"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src", "xlink:href", "action", "formaction", "background", "poster", "cite", "longdesc", "usemap"], StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        })
        {
            // Unknown wrappers (font, center) keep their text; dangerous content is gone with its tag's attributes.
            KeepChildNodes = true,
        };
        sanitizer.FilterUrl += (_, e) => e.SanitizedUrl = SafeUrl(e.Tag, e.OriginalUrl, e.SanitizedUrl);
        sanitizer.RemovingTag += (_, e) => RemoveContentOf(e.Tag);
        sanitizer.PostProcessNode += (_, e) => PostProcess(e);
        return sanitizer;
    }

    // Script and style text shown as page text is noise (and a phishing aid): drop it with the tag.
    private static void RemoveContentOf(IElement tag)
    {
        if (tag.LocalName is "script" or "style" or "template" or "noscript" or "iframe" or "object" or "embed" or "textarea"
            or "select" or "title" or "xmp" or "noembed" or "noframes" or "math" or "foreignObject" or "foreignobject")
            while (tag.FirstChild is { } child) tag.RemoveChild(child);
    }

    /// <summary>
    /// Images only as data URIs of raster types (an SVG image is a document of its own); links only
    /// to the web, mail or a fragment; nothing else carries a URL.
    /// </summary>
    private static string? SafeUrl(IElement tag, string original, string? sanitized)
    {
        if (sanitized is null) return null;
        var url = sanitized.Trim();
        var isImage = tag.LocalName is "img";
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
            return isImage && url.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("data:image/svg", StringComparison.OrdinalIgnoreCase) ? url : null;
        if (isImage) return null;
        if (tag.LocalName is not "a") return url.StartsWith('#') ? url : null;
        return url;
    }

    private static void PostProcess(PostProcessNodeEventArgs e)
    {
        if (e.Node is not IElement element) return;
        // An external image would be a request from the reader's browser: show its alt text instead.
        if (element.LocalName == "img" && element.GetAttribute("src") is null)
        {
            var span = e.Document.CreateElement("span");
            span.ClassName = "image-removed";
            span.TextContent = "[image: " + (element.GetAttribute("alt") is { Length: > 0 } alt ? alt : "external") + "]";
            e.ReplacementNodes.Add(span);
            return;
        }
        // Presentation attributes take url(#id) paint references; anything else that loads goes.
        foreach (var attribute in element.Attributes.ToList())
            if (attribute.Value.Contains("url(", StringComparison.OrdinalIgnoreCase) && !attribute.Value.TrimStart().StartsWith("url(#", StringComparison.OrdinalIgnoreCase))
                element.RemoveAttribute(attribute.NamespaceUri, attribute.LocalName);
        // A checkbox from a markdown task list, never a control that could submit or take input.
        if (element.LocalName == "input" && !(element.GetAttribute("type") is "checkbox" && element.HasAttribute("disabled")))
            element.Remove();
    }
}
