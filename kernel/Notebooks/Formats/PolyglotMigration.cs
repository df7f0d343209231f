using System.Text;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// Turns a Polyglot notebook (.dib, or .ipynb as .NET Interactive writes it) into an ops notebook:
/// kernelspec ops-csharp, C# cells with their magics translated, cells in other languages kept as
/// markdown with a note saying what they were, outputs dropped (the notebook runs afresh).
/// </summary>
public static class PolyglotMigration
{
    /// <summary>What the migration did, by cell number (1-based, as in the source notebook).</summary>
    public sealed record Report(int CSharpCells, int TextCells, IReadOnlyList<(int Cell, string Language)> KeptAsMarkdown,
        IReadOnlyList<(int Cell, string Line)> MagicsWithoutEquivalent);

    // .NET Interactive magics with an ops equivalent; everything else starting with #! is commented out.
    private static readonly Dictionary<string, string?> Magics = new(StringComparer.Ordinal)
    {
        ["#!csharp"] = null, ["#!c#"] = null, ["#!cs"] = null,
        ["#!time"] = "#!time", ["#!who"] = "#!who", ["#!whos"] = "#!who", ["#!lsmagic"] = "#!lsmagic",
    };

    public static (Notebook Notebook, Report Report) Migrate(Notebook source, string targetPath)
    {
        var cells = new List<NotebookCell>();
        var kept = new List<(int, string)>();
        var unmatched = new List<(int, string)>();
        int csharp = 0, text = 0;
        var sourceCells = source.Cells;
        for (var i = 0; i < sourceCells.Count; i++)
        {
            var cell = sourceCells[i];
            var id = $"cell-{i + 1}";
            if (!cell.IsCode)
            {
                cells.Add(NotebookCell.Create(cell.CellType == "raw" ? "raw" : "markdown", cell.Source, id));
                text++;
                continue;
            }
            var kernel = DibFormat.KernelOf(cell);
            if (!PolyglotLanguages.IsCSharp(kernel))
            {
                cells.Add(NotebookCell.Create("markdown", AsMarkdown(cell.Source, kernel), id));
                kept.Add((i + 1, PolyglotLanguages.DisplayName(kernel)));
                continue;
            }
            var migrated = NotebookCell.Create("code", TranslateMagics(cell.Source, i + 1, unmatched), id);
            if (cell.HasTag("parameters")) migrated.AddTag("parameters");
            cells.Add(migrated);
            csharp++;
        }
        return (Notebook.Create(targetPath, cells), new Report(csharp, text, kept, unmatched));
    }

    private static string TranslateMagics(string code, int cellNumber, List<(int, string)> unmatched)
    {
        var lines = code.Replace("\r\n", "\n").Split('\n').ToList();
        var result = new List<string>();
        foreach (var line in lines)
        {
            var trimmed = line.Trim();
            if (!trimmed.StartsWith("#!", StringComparison.Ordinal)) { result.Add(line); continue; }
            var name = trimmed.Split(' ', 2)[0];
            if (Magics.TryGetValue(name, out var replacement))
            {
                if (replacement is not null) result.Add(replacement);
                continue;
            }
            // #!set, #!share, #!connect, #!import...: kept visible, as a comment the C# compiler ignores.
            result.Add("// ops migrate: no ops equivalent for: " + trimmed);
            unmatched.Add((cellNumber, trimmed));
        }
        while (result.Count > 0 && result[0].Trim().Length == 0) result.RemoveAt(0);
        return string.Join("\n", result);
    }

    private static string AsMarkdown(string code, string kernel)
    {
        var body = code.Replace("\r\n", "\n");
        // The switch line is the language, which the note and the fence already say.
        if (PolyglotLanguages.SwitchedTo(body) is not null)
        {
            var lines = body.Split('\n').SkipWhile(l => l.Trim().Length == 0).ToList();
            body = string.Join("\n", lines.Skip(1));
        }
        // A fence longer than any backtick run inside, so the code cannot close it early.
        var longest = 0;
        for (int i = 0, run = 0; i < body.Length; i++) { run = body[i] == '`' ? run + 1 : 0; longest = Math.Max(longest, run); }
        var fence = new string('`', Math.Max(3, longest + 1));
        var language = PolyglotLanguages.Canonical(kernel);
        return new StringBuilder()
            .Append("> **ops migrate:** this cell was ").Append(PolyglotLanguages.DisplayName(kernel)).Append(" (`#!").Append(language)
            .Append("`) in the Polyglot notebook. ops runs C# cells only, so it is kept here as text: port it to C#, or run it in .NET Interactive.\n\n")
            .Append(fence).Append(language).Append('\n').Append(body.Trim('\n')).Append('\n').Append(fence)
            .ToString();
    }
}
