using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// Polyglot Notebooks' .dib: sections introduced by a <c>#!kernel</c> line (<c>#!csharp</c>,
/// <c>#!markdown</c>, ...), optionally a leading <c>#!meta</c> section of JSON. Magic commands such
/// as <c>#!time</c> are not kernel names and stay inside their cell. Held in memory as nbformat 4.5
/// so the runner treats both formats alike; the whitespace around each section is remembered.
/// </summary>
internal static class DibFormat
{
    private static readonly string[] KnownKernels =
    [
        "csharp", "c#", "C#", "cs", "fsharp", "f#", "F#", "fs", "pwsh", "powershell", "javascript", "js", "html", "markdown", "md",
        "sql", "kql", "mermaid", "http", "value", "python", "r", "vscode", "webview", "meta",
    ];

    public static Notebook Read(string text, string path)
    {
        var kernels = new HashSet<string>(KnownKernels, StringComparer.OrdinalIgnoreCase);
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = "C# (ops)", ["language"] = "csharp", ["name"] = Notebook.KernelName },
                ["language_info"] = new JsonObject { ["file_extension"] = ".cs", ["mimetype"] = "text/x-csharp", ["name"] = "csharp" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        var notebook = new Notebook(path, NotebookFileFormat.Dib, root, JsonStyle.Jupyter);
        var cells = (JsonArray)root["cells"]!;

        var lines = SplitKeepingEnds(text);
        string? header = null;
        var body = new StringBuilder();
        var preamble = new StringBuilder();
        var lineNumber = 0;
        var headerLine = 0;

        void Flush()
        {
            if (header is null)
            {
                if (body.ToString().Trim().Length == 0) { notebook.DibPreamble = body.ToString(); return; }
                AddCell("", "csharp", body.ToString());
                return;
            }
            var name = header.TrimEnd()[2..];
            if (name.Equals("meta", StringComparison.OrdinalIgnoreCase))
            {
                var (leading, middle, trailing) = Split(body.ToString());
                JsonNode? meta;
                try { meta = JsonNode.Parse(middle); }
                catch (JsonException e) { throw new NotebookFormatException(path, null, null, $"line {headerLine}: the #!meta section is not valid JSON: {e.Message}"); }
                if (meta is JsonObject metaObject)
                {
                    root["metadata"]!["polyglot_notebook"] = metaObject.DeepClone();
                    foreach (var k in KernelNames(metaObject)) kernels.Add(k);
                }
                notebook.DibMeta = (new DibLayout(header, leading, trailing), middle);
                return;
            }
            AddCell(header, name, body.ToString());
        }

        void AddCell(string head, string kernel, string content)
        {
            var (leading, middle, trailing) = Split(content);
            var canonical = PolyglotLanguages.Canonical(kernel);
            var isMarkdown = canonical.Equals("markdown", StringComparison.OrdinalIgnoreCase);
            var cell = NotebookCell.Create(isMarkdown ? "markdown" : "code", middle, $"dib-{cells.Count + 1:D3}");
            cell.Metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = kernel };
            if (middle.StartsWith("// parameters", StringComparison.Ordinal)) cell.AddTag("parameters");
            notebook.DibLayouts.Add(cell.Json, new DibLayout(head, leading, trailing));
            cells.Add(cell.Json);
        }

        foreach (var line in lines)
        {
            lineNumber++;
            var trimmed = line.TrimEnd();
            if (trimmed.StartsWith("#!", StringComparison.Ordinal) && kernels.Contains(trimmed[2..]))
            {
                Flush();
                header = line;
                headerLine = lineNumber;
                body.Clear();
                continue;
            }
            body.Append(line);
        }
        Flush();
        return notebook;
    }

    public static string Write(Notebook notebook)
    {
        var sb = new StringBuilder();
        sb.Append(notebook.DibPreamble);
        if (notebook.DibMeta is var (metaLayout, metaJson))
            sb.Append(metaLayout.Header).Append(metaLayout.Leading).Append(metaJson).Append(metaLayout.Trailing);
        else if (notebook.Metadata["polyglot_notebook"] is JsonObject meta)
            sb.Append("#!meta\n\n").Append(meta.ToJsonString()).Append("\n\n");
        foreach (var cell in notebook.Cells)
        {
            var kernel = KernelOf(cell);
            if (!notebook.DibLayouts.TryGetValue(cell.Json, out var layout))
                layout = new DibLayout($"#!{kernel}\n", "\n", "\n\n");
            sb.Append(layout.Header).Append(layout.Leading).Append(cell.Source).Append(layout.Trailing);
        }
        return sb.ToString();
    }

    /// <summary>The notebook's cells as an nbformat document (the in-memory shape of a .dib already is one).</summary>
    public static JsonObject ToIpynbRoot(Notebook notebook) => (JsonObject)notebook.Root.DeepClone();

    /// <summary>The cell's .NET Interactive kernel name: its first-line switch (<c>#!fsharp</c>), its metadata, or its cell type.</summary>
    public static string KernelOf(NotebookCell cell) =>
        cell.IsCode && PolyglotLanguages.SwitchedTo(cell.Source) is { } switched ? switched : DeclaredKernelOf(cell);

    /// <summary>The kernel the file names for the cell (.dib header, cell metadata), before any first-line switch.</summary>
    public static string DeclaredKernelOf(NotebookCell cell)
    {
        if (cell.Metadata["polyglot_notebook"]?["kernelName"] is JsonValue v && v.TryGetValue<string>(out var name)) return name;
        if (cell.Metadata["dotnet_interactive"]?["language"] is JsonValue d && d.TryGetValue<string>(out var lang)) return lang;
        return cell.CellType == "markdown" ? "markdown" : "csharp";
    }

    /// <summary>Whether a cell of a notebook (either format) holds C# for our engine.</summary>
    public static bool IsCSharp(NotebookCell cell)
    {
        if (!cell.IsCode) return false;
        return PolyglotLanguages.IsCSharp(KernelOf(cell));
    }

    private static IEnumerable<string> KernelNames(JsonObject meta)
    {
        if (meta["kernelInfo"]?["items"] is not JsonArray items) yield break;
        foreach (var item in items)
        {
            if (item?["name"] is JsonValue n && n.TryGetValue<string>(out var name)) yield return name;
            if (item?["aliases"] is JsonArray aliases)
                foreach (var a in aliases) if (a is JsonValue av && av.TryGetValue<string>(out var alias)) yield return alias.TrimStart('#', '!');
        }
    }

    // Blank lines after the header and whitespace before the next one belong to the layout, not the cell.
    private static (string Leading, string Middle, string Trailing) Split(string content)
    {
        var end = content.Length;
        while (end > 0 && char.IsWhiteSpace(content[end - 1])) end--;
        var start = 0;
        for (var i = 0; i < end; i++)
        {
            if (content[i] == '\n') start = i + 1;
            else if (!char.IsWhiteSpace(content[i])) break;
        }
        return (content[..start], content[start..end], content[end..]);
    }

    private static List<string> SplitKeepingEnds(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }
}
