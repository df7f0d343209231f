using System.Text;
using Ops.Secrets;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// papermill's convention for C#: the cell tagged <c>parameters</c> (in a .dib, the cell starting
/// with <c>// parameters</c>) declares typed defaults; given values are converted to the declared
/// types and written as a new cell tagged <c>injected-parameters</c> right after it, which
/// redeclares them. Nothing runs until every value converts.
/// </summary>
public static class ParameterInjection
{
    public const string ParametersTag = "parameters";
    public const string InjectedTag = "injected-parameters";

    /// <summary>A value applied to the notebook.</summary>
    public sealed record Applied(NotebookParameter Parameter, object Value, bool IsSecret);

    /// <summary>The declarations of the notebook's parameters cell (empty when it has none).</summary>
    public static IReadOnlyList<NotebookParameter> Declarations(Notebook notebook)
    {
        var (cell, index) = ParametersCell(notebook);
        return cell is null ? [] : ParameterDeclarations.Parse(cell.Source, $"{notebook.Path}: cell {index + 1} (parameters)");
    }

    /// <exception cref="ParameterException">No parameters cell, an unknown name, or values that do not convert; all problems are listed.</exception>
    public static IReadOnlyList<Applied> Apply(Notebook notebook, IReadOnlyDictionary<string, ParameterInput> given)
    {
        RemovePreviousInjection(notebook);
        if (given.Count == 0) return [];
        var (cell, index) = ParametersCell(notebook);
        if (cell is null)
            throw new ParameterException($"{notebook.Path}: parameters were given ({string.Join(", ", given.Keys)}) but no cell is tagged \"parameters\"; tag the cell that declares the defaults (in a .dib, start it with `// parameters`).");

        var declared = ParameterDeclarations.Parse(cell.Source, $"{notebook.Path}: cell {index + 1} (parameters)").ToList();
        var byName = declared.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var problems = new List<string>();
        var applied = new List<Applied>();
        foreach (var (name, input) in given)
        {
            if (!byName.TryGetValue(name, out var parameter))
            {
                problems.Add($"unknown parameter {name} ({input.Origin}); the parameters cell declares: {(declared.Count == 0 ? "nothing" : string.Join(", ", declared.Select(d => $"{d.TypeName} {d.Name}")))}.");
                continue;
            }
            try { applied.Add(new Applied(parameter, ParameterValues.Convert(parameter, input), SecretNames.LooksSecret(name))); }
            catch (ParameterException e) { problems.Add(e.Message); }
        }
        if (problems.Count > 0)
            throw new ParameterException($"{notebook.Path}: " + (problems.Count == 1 ? problems[0] : "\n  " + string.Join("\n  ", problems)));

        // Declaration order, so the injected cell reads like the parameters cell.
        applied.Sort((a, b) => declared.IndexOf(a.Parameter).CompareTo(declared.IndexOf(b.Parameter)));
        var source = new StringBuilder("// Parameters given to `ops run`\n");
        foreach (var a in applied)
            source.Append(a.Parameter.TypeName).Append(' ').Append(a.Parameter.Name).Append(" = ")
                  .Append(ParameterValues.ToCSharp(a.Parameter.Type, a.Value)).Append(";\n");
        var injected = NotebookCell.Create("code", source.ToString().TrimEnd('\n'), notebook.UniqueCellId(InjectedTag));
        injected.AddTag(InjectedTag);
        notebook.InsertCell(index + 1, injected);
        return applied;
    }

    private static (NotebookCell? Cell, int Index) ParametersCell(Notebook notebook)
    {
        var cells = notebook.Cells;
        for (var i = 0; i < cells.Count; i++)
            if (cells[i].IsCode && cells[i].HasTag(ParametersTag)) return (cells[i], i);
        return (null, -1);
    }

    private static void RemovePreviousInjection(Notebook notebook)
    {
        var array = (System.Text.Json.Nodes.JsonArray)notebook.Root["cells"]!;
        for (var i = array.Count - 1; i >= 0; i--)
            if (new NotebookCell((System.Text.Json.Nodes.JsonObject)array[i]!).HasTag(InjectedTag)) array.RemoveAt(i);
    }
}
