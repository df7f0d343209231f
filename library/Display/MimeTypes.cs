namespace Ops.Display;

/// <summary>The mime types the display model produces.</summary>
public static class MimeTypes
{
    public const string PlainText = "text/plain";
    public const string Html = "text/html";
    public const string Json = "application/json";
    public const string Svg = "image/svg+xml";
    public const string Plotly = "application/vnd.plotly.v1+json";
    public const string Markdown = "text/markdown";

    /// <summary>JSON mime types travel as JSON values in Jupyter messages, not as strings.</summary>
    public static bool IsJson(string mimeType) =>
        mimeType == Json || mimeType.EndsWith("+json", StringComparison.Ordinal);
}
