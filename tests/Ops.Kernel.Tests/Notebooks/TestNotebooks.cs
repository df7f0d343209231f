using Ops.Kernel.Notebooks;

namespace Ops.Kernel.Tests.Notebooks;

/// <summary>Builds small notebooks for tests: each cell is source text, optionally with tags.</summary>
internal static class TestNotebooks
{
    public static NotebookCell Code(string source, params string[] tags)
    {
        var cell = NotebookCell.Create("code", source, "c" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var tag in tags) cell.AddTag(tag);
        return cell;
    }

    public static NotebookCell Markdown(string source) => NotebookCell.Create("markdown", source, "m" + Guid.NewGuid().ToString("N")[..8]);

    public static Notebook Create(string path, params NotebookCell[] cells) => Notebook.Create(path, cells);

    /// <summary>Writes the notebook to <paramref name="directory"/> and returns its path.</summary>
    public static string Save(string directory, string name, params NotebookCell[] cells)
    {
        var path = Path.Combine(directory, name);
        Notebook.Create(path, cells).Save(path);
        return path;
    }
}
