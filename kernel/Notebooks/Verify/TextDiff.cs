using System.Text;

namespace Ops.Kernel.Notebooks;

/// <summary>A line diff (longest common subsequence) printed as <c>- stored</c> / <c>+ actual</c> lines with context.</summary>
internal static class TextDiff
{
    public static string Unified(string expected, string actual, int context = 2, int maxLines = 60)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        // Outputs are small; cap the table so a huge output cannot take quadratic memory.
        if ((long)a.Length * b.Length > 4_000_000)
            return $"  (outputs too large to diff line by line: {a.Length} stored lines, {b.Length} actual lines)\n";
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);

        var ops = new List<(char Op, string Line)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y]) { ops.Add((' ', a[x])); x++; y++; }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1])) ops.Add(('-', a[x++]));
            else ops.Add(('+', b[y++]));
        }

        var keep = new bool[ops.Count];
        for (var i = 0; i < ops.Count; i++)
            if (ops[i].Op != ' ')
                for (var k = Math.Max(0, i - context); k <= Math.Min(ops.Count - 1, i + context); k++) keep[k] = true;

        var sb = new StringBuilder();
        var written = 0;
        var gap = false;
        for (var i = 0; i < ops.Count; i++)
        {
            if (!keep[i]) { gap = true; continue; }
            if (gap && sb.Length > 0) sb.Append("  ...\n");
            gap = false;
            if (++written > maxLines) { sb.Append("  ... (diff truncated)\n"); break; }
            sb.Append(ops[i].Op).Append(' ').Append(ops[i].Line).Append('\n');
        }
        return sb.ToString();
    }
}
