using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ops.Display;

/// <summary>
/// Raw HTML, Markdown, SVG and JSON as outputs, in the manner of IPython's <c>HTML(...)</c>,
/// <c>Markdown(...)</c>, <c>SVG(...)</c> and <c>JSON(...)</c>. Every other renderer escapes what it
/// shows; these helpers (and a <see cref="MimeBundle"/> built by hand) are the one way raw markup
/// enters an output, so only pass them markup you wrote or trust.
/// </summary>
public static partial class Markup
{
    /// <summary>HTML shown as given; its plain text (REPL, text outputs) is the HTML without tags.</summary>
    public static MimeBundle Html(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = WebUtility.HtmlDecode(Tags().Replace(html, ""));
        return new MimeBundle(text).With(MimeTypes.Html, html);
    }

    /// <summary>Markdown rendered by the frontend; its plain text is the Markdown source.</summary>
    public static MimeBundle Markdown(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return new MimeBundle(markdown).With(MimeTypes.Markdown, markdown);
    }

    /// <summary>An SVG document shown as an image.</summary>
    public static MimeBundle Svg(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        if (!svg.Contains("<svg", StringComparison.Ordinal))
            throw new ArgumentException("SVG(...) needs an SVG document (text containing an <svg> element)", nameof(svg));
        return new MimeBundle($"[SVG image, {svg.Length:N0} characters]").With(MimeTypes.Svg, svg);
    }

    /// <summary>
    /// JSON shown as a tree: a string is taken as a JSON document (checked), any other value is serialized.
    /// Its plain text is the indented JSON.
    /// </summary>
    public static MimeBundle Json(object? value)
    {
        string json;
        if (value is string text)
        {
            try { using var _ = JsonDocument.Parse(text); }
            catch (JsonException e)
            {
                throw new ArgumentException($"JSON(...) was given text that is not JSON: {e.Message}", nameof(value), e);
            }
            json = text;
        }
        else json = JsonSerializer.Serialize(value);
        using var document = JsonDocument.Parse(json);
        var indented = JsonSerializer.Serialize(document.RootElement, Indented);
        return new MimeBundle(indented).With(MimeTypes.Json, json);
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
