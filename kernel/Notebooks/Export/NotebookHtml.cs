using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Markdig;
using Ops.Display;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// One self-contained HTML page for a postmortem: markdown rendered by Markdig with raw HTML
/// escaped, code escaped, outputs preferring SVG, then HTML, then images, then text. Every output
/// goes through <see cref="OutputSanitizer"/> (HtmlSanitizer on an HTML5 parser); the page's Content-Security-Policy forbids scripts
/// and any request outside the file.
/// </summary>
public static partial class NotebookHtml
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder()
        .UsePipeTables().UseGridTables().UseEmphasisExtras().UseTaskLists().UseAutoLinks().UseFootnotes()
        .UseDefinitionLists().DisableHtml().Build();

    public static string Render(Notebook notebook)
    {
        var title = Title(notebook);
        var sb = new StringBuilder(16 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<title>").Append(Html.Escape(title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");
        Provenance(sb, notebook);
        foreach (var cell in notebook.Cells) Cell(sb, cell);
        sb.Append("</main>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Cell(StringBuilder sb, NotebookCell cell)
    {
        switch (cell.CellType)
        {
            case "markdown":
                sb.Append("<section class=\"cell markdown\">\n").Append(OutputSanitizer.Sanitize(Markdig.Markdown.ToHtml(cell.Source, Markdown))).Append("</section>\n");
                return;
            case "raw":
                sb.Append("<section class=\"cell raw\"><pre>").Append(Html.Escape(cell.Source)).Append("</pre></section>\n");
                return;
        }
        var injected = cell.HasTag(ParameterInjection.InjectedTag) ? " injected" : "";
        sb.Append("<section class=\"cell code").Append(injected).Append("\">\n<div class=\"input\"><span class=\"prompt\">In&nbsp;[")
          .Append(cell.ExecutionCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "&nbsp;")
          .Append("]:</span><pre><code>").Append(Html.Escape(cell.Source)).Append("</code></pre></div>\n");
        foreach (var output in cell.Outputs.OfType<JsonObject>()) Output(sb, output);
        sb.Append("</section>\n");
    }

    private static void Output(StringBuilder sb, JsonObject output)
    {
        switch ((string?)output["output_type"])
        {
            case "stream":
                var name = (string?)output["name"] == "stderr" ? "stderr" : "stdout";
                sb.Append("<pre class=\"output stream ").Append(name).Append("\">").Append(Html.Escape(StripAnsi(NotebookCell.JoinText(output["text"])))).Append("</pre>\n");
                return;
            case "error":
                var traceback = output["traceback"] is JsonArray t
                    ? string.Join("\n", t.Select(x => x is JsonValue v && v.TryGetValue<string>(out var s) ? s : ""))
                    : $"{output["ename"]}: {output["evalue"]}";
                sb.Append("<pre class=\"output error\">").Append(Html.Escape(StripAnsi(traceback))).Append("</pre>\n");
                return;
            case "display_data" or "execute_result":
                if (output["data"] is JsonObject data) sb.Append("<div class=\"output\">").Append(Data(data)).Append("</div>\n");
                return;
        }
    }

    /// <summary>The best representation of one mime bundle as safe HTML.</summary>
    public static string Data(JsonObject data)
    {
        string? Text(string mime) => data[mime] is { } node ? NotebookCell.JoinText(node) : null;
        if (Text(MimeTypes.Svg) is { Length: > 0 } svg) return "<div class=\"svg\">" + OutputSanitizer.Sanitize(svg) + "</div>";
        if (Text(MimeTypes.Html) is { Length: > 0 } html) return OutputSanitizer.Sanitize(html);
        foreach (var image in new[] { "image/png", "image/jpeg", "image/gif", "image/webp" })
        {
            if (Text(image) is { Length: > 0 } b64 && Base64().IsMatch(b64.Replace("\n", "")))
                return $"<img alt=\"{Html.Escape(Text(MimeTypes.PlainText) ?? image)}\" src=\"data:{image};base64,{b64.Replace("\n", "")}\" />";
        }
        if (Text(MimeTypes.Markdown) is { Length: > 0 } md) return OutputSanitizer.Sanitize(Markdig.Markdown.ToHtml(md, Markdown));
        if (Text(MimeTypes.PlainText) is { } plain) return "<pre>" + Html.Escape(StripAnsi(plain)) + "</pre>";
        if (data[MimeTypes.Json] is { } json) return "<pre>" + Html.Escape(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true })) + "</pre>";
        return "";
    }

    private static void Provenance(StringBuilder sb, Notebook notebook)
    {
        if (notebook.Metadata["ops"]?["run"] is not JsonObject run) return;
        sb.Append("<details class=\"provenance\"><summary>Run ");
        if (run["start"] is { } start) sb.Append(Html.Escape((string?)start));
        if (run["status"] is { } status) sb.Append(" — ").Append(Html.Escape((string?)status));
        sb.Append("</summary>\n<table>");
        foreach (var (key, value) in run)
        {
            if (key == "cells" || value is null) continue;
            sb.Append("<tr><th>").Append(Html.Escape(key)).Append("</th><td>")
              .Append(Html.Escape(value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.ToJsonString())).Append("</td></tr>");
        }
        if (notebook.Metadata["ops"]?["parameters"] is JsonObject parameters)
            foreach (var (key, value) in parameters)
                sb.Append("<tr><th>parameter ").Append(Html.Escape(key)).Append("</th><td>").Append(Html.Escape(value?.ToJsonString())).Append("</td></tr>");
        sb.Append("</table></details>\n");
    }

    private static string Title(Notebook notebook)
    {
        foreach (var cell in notebook.Cells.Where(c => c.CellType == "markdown"))
            foreach (var line in cell.Source.Split('\n'))
                if (line.StartsWith("# ", StringComparison.Ordinal)) return line[2..].Trim();
        return Path.GetFileNameWithoutExtension(notebook.Path);
    }

    public static string StripAnsi(string text) => Ansi().Replace(text, "");

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"^[A-Za-z0-9+/]*={0,2}$")]
    private static partial Regex Base64();

    private const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; background: #fafafa; color: #222; }
        main { max-width: 1100px; margin: 0 auto; padding: 1.5em; }
        .cell { margin: 0.8em 0; }
        .input { display: flex; gap: 0.5em; }
        .prompt { color: #307fc1; font-family: ui-monospace, monospace; font-size: 0.85em; min-width: 4.5em; padding-top: 0.6em; }
        pre { margin: 0; padding: 0.5em 0.7em; overflow-x: auto; font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 0.85em; }
        .input pre { flex: 1; background: #f0f0f0; border: 1px solid #ddd; border-radius: 3px; }
        .injected .input pre { border-left: 3px solid #e0a000; }
        .output { margin-left: 5em; overflow-x: auto; }
        .stderr { background: #fff0f0; }
        .error { background: #fdd; color: #800; }
        table { border-collapse: collapse; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; }
        .provenance { font-size: 0.85em; color: #555; }
        .image-removed { color: #888; }
        """;
}
