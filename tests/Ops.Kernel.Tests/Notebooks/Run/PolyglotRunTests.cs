using Ops.Kernel.Notebooks;
using Ops.Kernel.Scripting;
using Ops.Kernel.Tests.Scripting;

namespace Ops.Kernel.Tests.Notebooks;

/// <summary>Polyglot notebooks in ops: C# cells run as they are; other languages are named by cell number before anything runs.</summary>
[Collection(nameof(RunnerCollection))]
public class PolyglotRunTests
{
    [Fact]
    public async Task A_csharp_only_dib_runs_with_its_magics()
    {
        var notebook = Notebook.Load(ExampleFiles.PathOf("polyglot/csharp-only.dib"));
        var result = await NotebookRunner.RunAsync(notebook, new RunOptions());
        Assert.All(result.Cells, c => Assert.Equal(CellStatus.Ok, c.Status));
        Assert.Contains("10", notebook.Cells[1].Outputs.ToJsonString());
        Assert.Contains("total 10", notebook.Cells[2].Outputs.ToJsonString());
    }

    [Fact]
    public async Task Other_languages_are_listed_by_cell_number_and_nothing_runs()
    {
        var notebook = Notebook.Load(ExampleFiles.PathOf("polyglot/mixed-languages.dib"));
        var e = await Assert.ThrowsAsync<NotebookFormatException>(() => NotebookRunner.RunAsync(notebook, new RunOptions()));
        Assert.Contains("cell 4 is F#, cell 5 is PowerShell, cell 6 is sql-inventory; ops runs C# cells only", e.Message);
        Assert.Contains("ops migrate", e.Message);
        Assert.All(notebook.Cells.Where(c => c.IsCode), c => Assert.Empty(c.Outputs));
    }

    [Fact]
    public async Task One_other_language_cell_names_that_cell_even_when_switched_inside_a_csharp_cell()
    {
        var notebook = Notebook.Load(ExampleFiles.PathOf("polyglot/dotnet-interactive.ipynb"));
        // The F# cell (metadata) and the C# cell that starts with #!fsharp: both reported.
        var e = await Assert.ThrowsAsync<NotebookFormatException>(() => NotebookRunner.RunAsync(notebook, new RunOptions()));
        Assert.Contains("cell 3 is F#, cell 4 is F#", e.Message);

        notebook.Cells[2].Json["cell_type"] = "markdown";
        e = await Assert.ThrowsAsync<NotebookFormatException>(() => NotebookRunner.RunAsync(notebook, new RunOptions()));
        Assert.StartsWith($"{notebook.Path}: cell 4: the cell is F# (#!fsharp); ops runs C# cells only.", e.Message);
    }

    [Fact]
    public async Task The_kernel_names_a_language_switch_instead_of_compiling_it()
    {
        using var engine = new ScriptEngine(new EngineOptions());
        var result = await engine.ExecuteAsync("#!pwsh\nGet-Process", new RecordingHost());
        Assert.Equal(ExecutionStatus.Error, result.Status);
        Assert.Contains("line 1: the cell is PowerShell (#!pwsh); ops runs C# cells only.", result.Error!.Message);

        var csharp = await engine.ExecuteAsync("#!csharp\n#!time\n6 * 7", new RecordingHost());
        Assert.Equal("42", csharp.Value?.PlainText);
    }
}
