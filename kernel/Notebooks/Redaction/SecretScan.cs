using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ops.Secrets;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// <c>ops scan</c>'s work: secrets in notebooks (every cell of every kind: source, outputs, metadata,
/// attachments; then the notebook's metadata) and in other text files of any size, read in windows. A finding says where and what kind, never the secret.
/// </summary>
public static class SecretScan
{
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal) { ".git", "bin", "obj", "node_modules", ".ipynb_checkpoints" };

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
    /// The allowed patterns for a file: every <c>.gitallowed</c> (git-secrets' file: one regex a line,
    /// # comments) in its directory and each parent up to the repository root (the directory holding
    /// <c>.git</c>), so a root file covers the repository and a folder's own file adds to it.
    /// </summary>
    public static IReadOnlyList<Regex> AllowedFor(string path) =>
        AllowedIn(Path.GetDirectoryName(Path.GetFullPath(path))!);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<Regex>> AllowedCache = new(StringComparer.Ordinal);

    private static IReadOnlyList<Regex> AllowedIn(string directory)
    {
        var file = Path.Combine(directory, ".gitallowed");
        var stamp = File.Exists(file) ? File.GetLastWriteTimeUtc(file).Ticks : 0;
        var key = directory + "|" + stamp;
        if (AllowedCache.TryGetValue(key, out var cached)) return cached;
        var patterns = new List<Regex>();
        if (stamp != 0) patterns.AddRange(Read(file));
        var parent = Directory.GetParent(directory);
        if (parent is not null && !Directory.Exists(Path.Combine(directory, ".git")) && !File.Exists(Path.Combine(directory, ".git")))
            patterns.AddRange(AllowedIn(parent.FullName));
        AllowedCache[key] = patterns;
        return patterns;
    }

    private static IEnumerable<Regex> Read(string file)
    {
        var patterns = new List<Regex>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(file))
        {
            lineNumber++;
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#')) continue;
            try { patterns.Add(new Regex(line.Trim(), RegexOptions.None, TimeSpan.FromSeconds(1))); }
            catch (ArgumentException e) { throw new FormatException($"{file}:{lineNumber}: invalid regex: {e.Message}"); }
        }
        return patterns;
    }

    private static SecretScanner Scanner(string path)
    {
        var scanner = new SecretScanner(includeLiveSecrets: false);
        foreach (var allowed in AllowedFor(path)) scanner.AddAllowed(allowed);
        return scanner;
    }

    /// <summary>Notebooks up to this size are parsed and scanned per cell; larger ones are scanned as text.</summary>
    public const long NotebookParseLimit = 64L * 1024 * 1024;

    /// <summary>What was looked at, for the summary line: every file is counted in exactly one way.</summary>
    public sealed class Tally
    {
        public int Files;
        public int Notebooks;
        public int Cells;
        public long Bytes;
        public int Binary;
        public int NotebooksAsText;

        public override string ToString() =>
            $"scanned {Files} file{(Files == 1 ? "" : "s")} ({Bytes / 1048576.0:0.0} MB): {Notebooks} notebook{(Notebooks == 1 ? "" : "s")} " +
            $"({Cells} cells: source, outputs and metadata of every kind)" +
            (NotebooksAsText > 0 ? $", {NotebooksAsText} notebook{(NotebooksAsText == 1 ? "" : "s")} as text (too large or not valid JSON)" : "") +
            $"; skipped {Binary} binary file{(Binary == 1 ? "" : "s")} (a NUL byte in the first 8 KB, as git grep -I)";
    }

    public static IReadOnlyList<Finding> ScanFile(string path) => ScanFile(path, new Tally());

    public static IReadOnlyList<Finding> ScanFile(string path, Tally tally)
    {
        var info = new FileInfo(path);
        if (IsBinary(path)) { tally.Binary++; return []; }
        tally.Files++;
        tally.Bytes += info.Length;
        if (Notebook.IsNotebookPath(path))
        {
            if (info.Length <= NotebookParseLimit)
            {
                try
                {
                    var notebook = Notebook.Load(path);
                    tally.Notebooks++;
                    tally.Cells += notebook.Cells.Count;
                    return ScanNotebook(notebook, path);
                }
                catch (NotebookFormatException) { /* scanned as text below */ }
            }
            tally.NotebooksAsText++;
        }
        return ScanText(path).ToList();
    }

    private static bool IsBinary(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 8192);
        var head = new byte[8192];
        var n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return Array.IndexOf(head, (byte)0, 0, n) >= 0;
    }

    public static IReadOnlyList<Finding> ScanNotebook(Notebook notebook, string path)
    {
        var scanner = Scanner(path);
        var findings = new List<Finding>();
        var cells = notebook.Cells;
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            foreach (var (key, value) in cell.Json)
            {
                switch (key)
                {
                    case "source":
                        var kind = cell.IsCode ? TextKind.Code : TextKind.Prose;
                        foreach (var f in scanner.Scan(cell.Source, kind)) findings.Add(new Finding(path, i + 1, f.Line, f.Kind));
                        break;
                    case "outputs" when value is JsonArray outputs:
                        for (var o = 0; o < outputs.Count; o++)
                            foreach (var (text, _) in Strings(StreamRun(outputs, ref o)))
                                foreach (var f in scanner.Scan(text, TextKind.Prose)) findings.Add(new Finding(path, i + 1, f.Line, f.Kind, $"output {o + 1}"));
                        break;
                    default:
                        foreach (var (text, where) in Strings(value, key))
                            foreach (var f in scanner.Scan(text, TextKind.Prose))
                                findings.Add(new Finding(path, i + 1, f.Line, f.Kind, "cell " + Label(where)));
                        break;
                }
            }
        }
        foreach (var (key, value) in notebook.Root)
            if (key != "cells")
                foreach (var (text, where) in Strings(value, key))
                    foreach (var f in scanner.Scan(text, TextKind.Prose)) findings.Add(new Finding(path, 0, f.Line, f.Kind, "notebook " + Label(where)));
        return findings;
    }

    // "metadata.note" reads as "metadata note", as findings always said.
    private static string Label(string where) =>
        where.StartsWith("metadata.", StringComparison.Ordinal) ? "metadata " + where["metadata.".Length..] : where;

    // A run of consecutive stream outputs of one name is one text, as the reader sees it (and as
    // redaction treats it); o moves to the run's last output.
    private static JsonNode? StreamRun(JsonArray outputs, ref int o)
    {
        if (outputs[o] is not JsonObject first || (string?)first["output_type"] != "stream") return outputs[o];
        var text = new System.Text.StringBuilder(NotebookCell.JoinText(first["text"]));
        while (o + 1 < outputs.Count && outputs[o + 1] is JsonObject next && (string?)next["output_type"] == "stream" && (string?)next["name"] == (string?)first["name"])
            text.Append(NotebookCell.JoinText(outputs[++o]!["text"]));
        return JsonValue.Create(text.ToString());
    }

    // Text files of any size are read in windows; a secret across a window's end is seen whole in
    // the next window, which starts this far back (at a line start when there is one).
    private const int Window = 4 << 20;
    private const int Overlap = 64 << 10;

    private static IEnumerable<Finding> ScanText(string path)
    {
        var scanner = Scanner(path);
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        var buffer = new char[Window];
        var length = 0;
        var lineBase = 1;
        while (true)
        {
            var eof = false;
            while (length < buffer.Length)
            {
                var n = reader.Read(buffer, length, buffer.Length - length);
                if (n == 0) { eof = true; break; }
                length += n;
            }
            var text = new string(buffer, 0, length);
            var cut = length;
            if (!eof)
            {
                cut = length - Overlap;
                var lineStart = text.LastIndexOf('\n', cut - 1);
                if (lineStart > 0) cut = lineStart + 1;
            }
            foreach (var f in scanner.Scan(text, TextKind.Code))
                if (f.Start < cut) yield return new Finding(path, null, lineBase + f.Line - 1, f.Kind);
            if (eof) yield break;
            for (var k = 0; k < cut; k++) if (buffer[k] == '\n') lineBase++;
            Array.Copy(buffer, cut, buffer, 0, length - cut);
            length -= cut;
        }
    }

    // Every text in a JSON tree; nbformat's lists of lines joined so a finding's line is the line in that text.
    private static IEnumerable<(string Text, string Key)> Strings(JsonNode? node, string key = "")
    {
        switch (node)
        {
            case JsonValue v when v.TryGetValue<string>(out var s):
                yield return (s, key);
                break;
            case JsonArray a when a.All(x => x is JsonValue xv && xv.TryGetValue<string>(out _)):
                yield return (key.EndsWith("traceback", StringComparison.Ordinal) ? string.Join("\n", a.Select(x => (string)x!)) : NotebookCell.JoinText(a), key);
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
