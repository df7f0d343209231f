namespace Ops.Kernel.Notebooks;

/// <summary>Which notebooks a NOTEBOOK|DIR argument means.</summary>
public static class NotebookPaths
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal) { "out", ".ipynb_checkpoints", ".git", "bin", "obj", "node_modules" };

    /// <summary>
    /// A file as is; a directory as every .ipynb and .dib under it, sorted, except under <c>out/</c>
    /// (where runs write), checkpoints and build folders, and <c>*.executed.*</c> copies.
    /// </summary>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    public static IReadOnlyList<(string Path, string Relative)> Expand(string path)
    {
        if (File.Exists(path)) return [(path, Path.GetFileName(path))];
        if (!Directory.Exists(path)) throw new FileNotFoundException($"{path}: no such notebook or directory.", path);
        var found = new List<(string, string)>();
        Walk(path, path, found);
        found.Sort((a, b) => string.CompareOrdinal(a.Item2, b.Item2));
        return found;
    }

    private static void Walk(string root, string directory, List<(string, string)> found)
    {
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(file);
            if (!Notebook.IsNotebookPath(name) || name.Contains(".executed.", StringComparison.OrdinalIgnoreCase)) continue;
            found.Add((file, Path.GetRelativePath(root, file)));
        }
        foreach (var sub in Directory.EnumerateDirectories(directory))
            if (!SkippedDirectories.Contains(Path.GetFileName(sub))) Walk(root, sub, found);
    }
}
