using Ops.Kernel.Notebooks;
using Ops.Testing;
using static Ops.Kernel.Tests.Notebooks.TestNotebooks;

namespace Ops.Kernel.Tests.Notebooks;

/// <summary>
/// A cell that ends the process (<c>Environment.Exit(0)</c>) is a failed run for <c>ops run</c> and
/// <c>ops verify</c>: exit 1, the notebook written up to that cell, the summary printed, and every
/// message numbering cells the same way (the cell's position in the notebook, markdown included).
/// Run as processes: the exit is real.
/// </summary>
public sealed class ProcessExitTests
{
    private static string ExitingNotebook(string directory) => Save(directory, "exits.ipynb",
        Markdown("# a heading, so notebook and code-cell positions differ"),
        Code("Console.WriteLine(\"one\");"),
        Code("Console.WriteLine(\"two\"); Environment.Exit(0);"),
        Code("Console.WriteLine(\"three\");"));

    [Fact]
    public void Run_of_a_cell_calling_exit_fails_writes_the_notebook_and_prints_the_summary()
    {
        using var temp = ExampleFiles.Temp();
        var path = ExitingNotebook(temp.Path);
        var output = Path.Combine(temp.Path, "out");
        var (exit, _, err) = OpsProgram.Run(["run", path, "--output", output], timeout: TimeSpan.FromSeconds(90));

        Assert.True(exit == 1, err);
        Assert.Contains("[cell 2/4] ok", err);
        Assert.Contains("[cell 3/4] error", err);
        Assert.Contains("ops run: FAILED at cell 3: ProcessExit: cell 3 ended the process (Environment.Exit(0))", err);
        Assert.Contains("(2/3 code cells ran)", err);
        Assert.DoesNotContain("[2/3]", err);

        var written = Notebook.Load(Path.Combine(output, "exits.ipynb"));
        Assert.Equal("one\n", NotebookCell.JoinText(written.Cells[1].Outputs[0]!["text"]));
        Assert.Equal("two\n", NotebookCell.JoinText(written.Cells[2].Outputs[0]!["text"]));
        Assert.Equal("ProcessExit", (string?)written.Cells[2].Outputs[1]!["ename"]);
        Assert.Empty(written.Cells[3].Outputs);
        Assert.Null(written.Cells[3].ExecutionCount);
        Assert.Equal(3, (int)written.Metadata["ops"]!["run"]!["failed_cell"]!);
    }

    [Fact]
    public void Verify_of_a_cell_calling_exit_fails_with_the_summary()
    {
        using var temp = ExampleFiles.Temp();
        var path = ExitingNotebook(temp.Path);
        var (exit, stdout, err) = OpsProgram.Run(["verify", path], timeout: TimeSpan.FromSeconds(90));
        Assert.True(exit == 1, err);
        Assert.Contains($"FAIL {path}: cell 3: cell 3 ended the process", stdout);
        Assert.Contains("ops verify: 0 passed, 1 failed", stdout);
    }
}
