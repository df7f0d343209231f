using System.Text.Json.Nodes;
using Ops.Secrets;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// The pass run over a notebook before it is written anywhere. Every text is redacted as the
/// logical text a reader sees: nbformat's lists of strings are joined (<c>["Password=", "hunter2;\n"]</c>
/// is one text), consecutive stream outputs of one cell are one stream, a traceback is its lines.
/// Code cell sources go through <see cref="SourceRedaction"/>, which only edits inside string
/// literals and comments; secrets it cannot remove safely are left and reported in
/// <see cref="Result.Left"/>, so the run can say so and <c>ops scan</c> fails on the file.
/// </summary>
public static class NotebookRedaction
{
    /// <summary>A secret left in a code cell's source: 1-based cell number, line in the source, kind.</summary>
    public sealed record LeftSecret(int Cell, int Line, string Kind);

    public sealed record Result(int Count, IReadOnlyList<LeftSecret> Left);

    /// <summary>Redacts in place; returns how many secrets were replaced.</summary>
    public static int Redact(Notebook notebook, SecretScanner scanner) => RedactAll(notebook, scanner).Count;

    /// <summary>Redacts in place; returns the count and the secrets left in code.</summary>
    public static Result RedactAll(Notebook notebook, SecretScanner scanner)
    {
        var count = 0;
        var left = new List<LeftSecret>();
        var cells = notebook.Cells;
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            foreach (var (key, value) in cell.Json.ToList())
            {
                switch (key)
                {
                    case "source" when cell.IsCode:
                        var source = SourceRedaction.Redact(cell.Source, scanner, out var n, out var unsafeFindings);
                        if (n > 0) { cell.Source = source; count += n; }
                        left.AddRange(unsafeFindings.Select(f => new LeftSecret(i + 1, f.Line, f.Kind)));
                        break;
                    case "outputs" when value is JsonArray outputs:
                        count += RedactOutputs(outputs, scanner);
                        break;
                    default:
                        count += Redact(cell.Json, key, scanner);
                        break;
                }
            }
        }
        foreach (var (key, _) in notebook.Root.ToList())
            if (key != "cells") count += Redact(notebook.Root, key, scanner);
        return new Result(count, left);
    }

    /// <summary>Redacts every text in a JSON tree (kernel messages, metadata); returns the count.</summary>
    public static int Redact(JsonNode? node, SecretScanner scanner)
    {
        var count = 0;
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList()) count += Redact(o, key, scanner);
                break;
            case JsonArray a:
                count += RedactArray(a, scanner, separator: "");
                break;
        }
        return count;
    }

    // One member of an object: a string, a list of strings (one text), or a tree to walk.
    private static int Redact(JsonObject parent, string key, SecretScanner scanner)
    {
        var child = parent[key];
        if (child is JsonValue v && v.TryGetValue<string>(out var s))
        {
            var r = scanner.Redact(s, out var n, TextKind.Prose);
            if (n > 0) parent[key] = r;
            return n;
        }
        if (child is JsonArray a) return RedactArray(a, scanner, key == "traceback" ? "\n" : "");
        return Redact(child, scanner);
    }

    private static int RedactArray(JsonArray a, SecretScanner scanner, string separator)
    {
        if (a.Count > 0 && a.All(x => x is JsonValue xv && xv.TryGetValue<string>(out _)))
        {
            var texts = a.Select(x => (string)x!).ToList();
            var count = RedactPieces(texts, separator, scanner);
            if (count > 0) Replace(a, texts, separator.Length == 0 && IsLineList(a));
            return count;
        }
        var total = 0;
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i] is JsonValue v && v.TryGetValue<string>(out var s))
            {
                var r = scanner.Redact(s, out var n, TextKind.Prose);
                if (n > 0) { a[i] = r; total += n; }
            }
            else total += Redact(a[i], scanner);
        }
        return total;
    }

    // Outputs: consecutive streams of one name are one text (a secret printed in two writes is one
    // secret); every other output's members are redacted on their own.
    private static int RedactOutputs(JsonArray outputs, SecretScanner scanner)
    {
        var count = 0;
        for (var i = 0; i < outputs.Count; i++)
        {
            if (outputs[i] is not JsonObject output) continue;
            if ((string?)output["output_type"] != "stream")
            {
                count += Redact(output, scanner);
                continue;
            }
            var run = new List<JsonObject> { output };
            while (i + 1 < outputs.Count && outputs[i + 1] is JsonObject next && (string?)next["output_type"] == "stream"
                   && (string?)next["name"] == (string?)output["name"])
            {
                run.Add(next);
                i++;
            }
            var texts = run.Select(o => NotebookCell.JoinText(o["text"])).ToList();
            var n = RedactPieces(texts, "", scanner);
            if (n > 0)
                for (var k = 0; k < run.Count; k++)
                    run[k]["text"] = run[k]["text"] is JsonArray ? NotebookCell.SplitLines(texts[k]) : JsonValue.Create(texts[k]);
            count += n;
            foreach (var o in run)
                foreach (var key in o.Select(p => p.Key).Where(k => k != "text").ToList()) count += Redact(o, key, scanner);
        }
        return count;
    }

    /// <summary>
    /// Redacts texts stored in pieces as their joined text; each piece gets back its own part, the
    /// marker going into the piece where the secret starts.
    /// </summary>
    internal static int RedactPieces(List<string> pieces, string separator, SecretScanner scanner)
    {
        var joined = string.Join(separator, pieces);
        var findings = scanner.Scan(joined, TextKind.Prose);
        if (findings.Count == 0) return 0;
        var starts = new int[pieces.Count];
        var ends = new int[pieces.Count];
        for (int p = 0, at = 0; p < pieces.Count; at = ends[p] + separator.Length, p++) (starts[p], ends[p]) = (at, at + pieces[p].Length);
        // The piece that shows the marker: the first that ends after the secret starts.
        var owners = findings.Select(f => Array.FindIndex(ends, e => f.Start < e)).ToArray();
        for (var p = 0; p < pieces.Count; p++)
        {
            var sb = new System.Text.StringBuilder();
            var cursor = starts[p];
            for (var k = 0; k < findings.Count; k++)
            {
                var f = findings[k];
                if (f.End <= starts[p] && owners[k] != p) continue;
                if (f.Start >= ends[p] && owners[k] != p) break;
                var from = Math.Max(f.Start, starts[p]);
                if (from > cursor) sb.Append(joined, cursor, from - cursor);
                if (owners[k] == p) sb.Append(SecretScanner.Marker(f.Kind));
                cursor = Math.Max(cursor, Math.Min(f.End, ends[p]));
            }
            if (cursor < ends[p]) sb.Append(joined, cursor, ends[p] - cursor);
            pieces[p] = sb.ToString();
        }
        return findings.Count;
    }

    private static void Replace(JsonArray a, List<string> texts, bool resplit)
    {
        a.Clear();
        if (resplit)
        {
            foreach (var line in NotebookCell.SplitLines(string.Concat(texts)).Select(l => (string)l!).ToList()) a.Add(line);
            return;
        }
        foreach (var t in texts) a.Add(t);
    }

    // nbformat's multi-line strings as written by Jupyter: each item but the last ends in a newline.
    private static bool IsLineList(JsonArray a)
    {
        for (var i = 0; i < a.Count - 1; i++)
            if (a[i] is not JsonValue v || !v.TryGetValue<string>(out var s) || !s.EndsWith('\n')) return false;
        return true;
    }
}
