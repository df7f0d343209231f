using System.Text.Json.Nodes;
using Ops.Secrets;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// <c>ops scan</c>'s work: secrets in notebooks (per cell: source, then outputs; then metadata) and
/// in other text files. A finding says where and what kind, never the secret.
/// </summary>
public static class SecretScan
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal) { ".git", "bin", "obj", "node_modules", ".ipynb_checkpoints" };
    private const long MaxFileBytes = 20 * 1024 * 1024;

    /// <summary>One finding: <c>file:cell:line:kind</c> for notebooks (line within the cell's source, or within an output), <c>file:line:kind</c> otherwise.</summary>
    public sealed record Finding(string File, int? Cell, int Line, string Kind, string? Where = null)
    {
        public override string ToString() =>
            (Cell is { } c ? $"{File}:{c}:{Line}:{Kind}" : $"{File}:{Line}:{Kind}") + (Where is null ? "" : $" ({Where})");
    }

    /// <summary>Every file under the paths (directories recursively, skipping .git, bin, obj and binaries).</summary>
    public static IEnumerable<string> Files(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (File.Exists(path)) { yield return path; continue; }
            if (!Directory.Exists(path)) throw new FileNotFoundException($"{path}: no such file or directory.", path);
            foreach (var f in Walk(path)) yield return f;
        }
    }

    private static IEnumerable<string> Walk(string directory)
    {
        foreach (var f in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal)) yield return f;
        foreach (var d in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
            if (!SkippedDirectories.Contains(Path.GetFileName(d)))
                foreach (var f in Walk(d)) yield return f;
    }

    /// <summary>
    /// The allowed patterns of the nearest <c>.gitallowed</c> (git-secrets' file: one regex a line,
    /// # comments) in the file's directory or a parent.
    /// </summary>
    public static IReadOnlyList<System.Text.RegularExpressions.Regex> AllowedFor(string path)
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(path))!); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, ".gitallowed");
            if (!File.Exists(file)) continue;
            var patterns = new List<System.Text.RegularExpressions.Regex>();
            var lineNumber = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNumber++;
                if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
                try { patterns.Add(new System.Text.RegularExpressions.Regex(line.Trim(), System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1))); }
                catch (ArgumentException e) { throw new FormatException($"{file}:{lineNumber}: invalid regex: {e.Message}"); }
            }
            return patterns;
        }
        return [];
    }

    private static SecretScanner Scanner(string path)
    {
        var scanner = new SecretScanner(includeLiveSecrets: false);
        foreach (var allowed in AllowedFor(path)) scanner.AddAllowed(allowed);
        return scanner;
    }

    public static IReadOnlyList<Finding> ScanFile(string path)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxFileBytes) return [];
        if (Notebook.IsNotebookPath(path))
        {
            Notebook notebook;
            try { notebook = Notebook.Load(path); }
            catch (NotebookFormatException) { return ScanText(path, File.ReadAllText(path)); }
            return ScanNotebook(notebook, path);
        }
        var bytes = File.ReadAllBytes(path);
        if (Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, 8192)) >= 0) return [];
        return ScanText(path, System.Text.Encoding.UTF8.GetString(bytes));
    }

    public static IReadOnlyList<Finding> ScanNotebook(Notebook notebook, string path)
    {
        var scanner = Scanner(path);
        var findings = new List<Finding>();
        var cells = notebook.Cells;
        for (var i = 0; i < cells.Count; i++)
        {
            foreach (var f in scanner.Scan(cells[i].Source)) findings.Add(new Finding(path, i + 1, f.Line, f.Kind));
            if (!cells[i].IsCode) continue;
            var outputs = cells[i].Outputs;
            for (var o = 0; o < outputs.Count; o++)
                foreach (var (text, _) in Strings(outputs[o]))
                    foreach (var f in scanner.Scan(text)) findings.Add(new Finding(path, i + 1, f.Line, f.Kind, $"output {o + 1}"));
            foreach (var (text, key) in Strings(cells[i].Json["metadata"]))
                foreach (var f in scanner.Scan(text)) findings.Add(new Finding(path, i + 1, f.Line, f.Kind, $"cell metadata {key}"));
        }
        foreach (var (text, key) in Strings(notebook.Metadata))
            foreach (var f in scanner.Scan(text)) findings.Add(new Finding(path, 0, f.Line, f.Kind, $"notebook metadata {key}"));
        return findings;
    }

    private static IReadOnlyList<Finding> ScanText(string path, string text) =>
        Scanner(path).Scan(text).Select(f => new Finding(path, null, f.Line, f.Kind)).ToList();

    // Every text in a JSON tree; nbformat's lists of lines joined so a finding's line is the line in that text.
    private static IEnumerable<(string Text, string Key)> Strings(JsonNode? node, string key = "")
    {
        switch (node)
        {
            case JsonValue v when v.TryGetValue<string>(out var s):
                yield return (s, key);
                break;
            case JsonArray a when a.All(x => x is JsonValue xv && xv.TryGetValue<string>(out _)):
                yield return (NotebookCell.JoinText(a), key);
                break;
            case JsonArray a:
                foreach (var item in a) foreach (var s in Strings(item, key)) yield return s;
                break;
            case JsonObject o:
                foreach (var (k, child) in o) foreach (var s in Strings(child, key.Length == 0 ? k : key + "." + k)) yield return s;
                break;
        }
    }
}
