using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// A notebook in memory: the nbformat 4 document (a .dib is held in the same shape) plus what its
/// file's layout was, so that <see cref="Save"/> of an unchanged notebook gives the same bytes.
/// </summary>
public sealed class Notebook
{
    /// <summary>The kernelspec name written into notebooks this tool creates (from a .dib).</summary>
    public const string KernelName = "ops-csharp";

    internal Notebook(string path, NotebookFileFormat format, JsonObject root, JsonStyle style)
    {
        Path = path;
        Format = format;
        Root = root;
        Style = style;
    }

    /// <summary>Where the notebook was read from (as given).</summary>
    public string Path { get; internal set; }

    public NotebookFileFormat Format { get; }

    /// <summary>The whole nbformat document; unknown keys are kept.</summary>
    public JsonObject Root { get; }

    internal JsonStyle Style { get; set; }

    /// <summary>.dib only: the raw <c>#!meta</c> JSON text and per-cell whitespace, reused on write.</summary>
    internal (DibLayout Layout, string Json)? DibMeta { get; set; }
    internal string DibPreamble { get; set; } = "";
    internal ConditionalWeakTable<JsonObject, DibLayout> DibLayouts { get; } = new();

    public JsonObject Metadata
    {
        get
        {
            if (Root["metadata"] is JsonObject m) return m;
            m = new JsonObject();
            Root["metadata"] = m;
            return m;
        }
    }

    private JsonArray CellArray => Root["cells"] as JsonArray ?? throw new InvalidOperationException("The notebook has no cells array.");

    public IReadOnlyList<NotebookCell> Cells => CellArray.Select(c => new NotebookCell((JsonObject)c!)).ToList();

    public void InsertCell(int index, NotebookCell cell)
    {
        // Cell ids arrived with nbformat 4.5; a 4.0-4.4 schema rejects them.
        if (Root["nbformat_minor"] is JsonValue v && v.TryGetValue<int>(out var minor) && minor < 5) cell.Json.Remove("id");
        CellArray.Insert(index, cell.Json);
    }

    /// <summary>A cell id not used by any cell yet, starting from <paramref name="preferred"/>.</summary>
    public string UniqueCellId(string preferred)
    {
        var used = Cells.Select(c => c.Id).Where(i => i is not null).ToHashSet(StringComparer.Ordinal);
        if (!used.Contains(preferred)) return preferred;
        for (var n = 2; ; n++) if (!used.Contains($"{preferred}-{n}")) return $"{preferred}-{n}";
    }

    /// <summary>A new nbformat 4.5 notebook for this kernel, laid out as Jupyter writes it.</summary>
    public static Notebook Create(string path, IEnumerable<NotebookCell> cells)
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(cells.Select(c => (JsonNode?)c.Json).ToArray()),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = "C# (ops)", ["language"] = "csharp", ["name"] = KernelName },
                ["language_info"] = new JsonObject { ["file_extension"] = ".cs", ["mimetype"] = "text/x-csharp", ["name"] = "csharp" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return new Notebook(path, NotebookFileFormat.Ipynb, root, JsonStyle.Jupyter);
    }

    /// <summary>Reads a .ipynb or .dib file (by extension).</summary>
    /// <exception cref="NotebookFormatException">The file is not a valid notebook; the message names the file and cell.</exception>
    public static Notebook Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{path}: cannot read the notebook: {e.Message}", e);
        }
        return Parse(text, path);
    }

    public static Notebook Parse(string text, string path) =>
        FormatOf(path) == NotebookFileFormat.Dib ? DibFormat.Read(text, path) : IpynbFormat.Read(text, path);

    public static NotebookFileFormat FormatOf(string path) =>
        path.EndsWith(".dib", StringComparison.OrdinalIgnoreCase) ? NotebookFileFormat.Dib : NotebookFileFormat.Ipynb;

    public static bool IsNotebookPath(string path) =>
        path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".dib", StringComparison.OrdinalIgnoreCase);

    /// <summary>The notebook in its own format.</summary>
    public string Serialize() => Format == NotebookFileFormat.Dib ? DibFormat.Write(this) : IpynbFormat.Write(this);

    /// <summary>The notebook as .ipynb JSON (a .dib becomes nbformat 4.5; .dib cannot hold outputs).</summary>
    public string SerializeIpynb() => IpynbFormat.Write(this);

    /// <summary>Writes the file as <paramref name="path"/>'s extension asks (.ipynb or .dib).</summary>
    public void Save(string path)
    {
        var text = FormatOf(path) == NotebookFileFormat.Dib ? DibFormat.Write(this) : IpynbFormat.Write(this);
        // Write then rename: a reader (a CI artifact upload, a browser) never sees half a notebook.
        AtomicFile.WriteAllText(path, text);
    }
}

/// <summary>Whitespace around one .dib cell's content, kept for a byte-identical write.</summary>
internal sealed record DibLayout(string Header, string Leading, string Trailing);
