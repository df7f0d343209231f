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

    /// <summary>
    /// Every argument expanded, in order: one entry per notebook, or one with a <see cref="NotebookEntry.Problem"/>
    /// for a path that does not exist (or, with <paramref name="emptyIsProblem"/>, holds no notebook). A position
    /// in this list names the same notebook in every process that expands the same arguments.
    /// </summary>
    public static IReadOnlyList<NotebookEntry> ExpandAll(IEnumerable<string> paths, bool emptyIsProblem = true)
    {
        var entries = new List<NotebookEntry>();
        foreach (var path in paths)
        {
            IReadOnlyList<(string Path, string Relative)> notebooks;
            try { notebooks = Expand(path); }
            catch (FileNotFoundException e) { entries.Add(new NotebookEntry(null, null, false, e.Message)); continue; }
            if (notebooks.Count == 0 && emptyIsProblem) entries.Add(new NotebookEntry(null, null, false, $"{path}: no .ipynb or .dib notebooks found."));
            var fromDirectory = Directory.Exists(path);
            entries.AddRange(notebooks.Select(n => new NotebookEntry(n.Path, n.Relative, fromDirectory, null)));
        }
        return entries;
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
