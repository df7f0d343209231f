using System.Text.Json.Nodes;
using Ops.Secrets;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// The pass run over a notebook before it is written anywhere: every string in the document
/// (sources, outputs, tracebacks, metadata) goes through the <see cref="SecretScanner"/>. Multi-line
/// text stored as a list of lines is joined first, so a PEM key spread over lines is caught whole.
/// </summary>
public static class NotebookRedaction
{
    /// <summary>Redacts in place; returns how many secrets were replaced.</summary>
    public static int Redact(Notebook notebook, SecretScanner scanner) => Redact(notebook.Root, scanner);

    public static int Redact(JsonNode? node, SecretScanner scanner)
    {
        var count = 0;
        Walk(node, scanner, ref count);
        return count;
    }

    private static void Walk(JsonNode? node, SecretScanner scanner, ref int count)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    var child = o[key];
                    if (child is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        var r = scanner.Redact(s, out var n);
                        if (n > 0) { o[key] = r; count += n; }
                    }
                    else Walk(child, scanner, ref count);
                }
                break;
            case JsonArray a when IsLineList(a):
                var joined = NotebookCell.JoinText(a);
                var redacted = scanner.Redact(joined, out var found);
                if (found == 0) break;
                count += found;
                var lines = NotebookCell.SplitLines(redacted);
                a.Clear();
                foreach (var line in lines.Select(l => (string)l!).ToList()) a.Add(line);
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        var r = scanner.Redact(s, out var n);
                        if (n > 0) { a[i] = r; count += n; }
                    }
                    else Walk(a[i], scanner, ref count);
                }
                break;
        }
    }

    // nbformat's multi-line strings: every item a string, each but the last ending in a newline.
    private static bool IsLineList(JsonArray a)
    {
        if (a.Count < 2) return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i] is not JsonValue v || !v.TryGetValue<string>(out var s)) return false;
            if (i < a.Count - 1 && !s.EndsWith('\n')) return false;
        }
        return true;
    }
}
