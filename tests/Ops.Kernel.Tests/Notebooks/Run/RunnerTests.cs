using System.Text.Json.Nodes;
using Ops.Kernel.Cli;
using Ops.Kernel.Notebooks;
using static Ops.Kernel.Tests.Notebooks.TestNotebooks;

namespace Ops.Kernel.Tests.Notebooks;

[Collection(RunnerCollection.Name)]
public class RunnerTests
{
    private static string[] Types(NotebookCell cell) => cell.Outputs.Select(o => (string)o!["output_type"]!).ToArray();

    [Fact]
    public async Task Outputs_are_recorded_as_jupyter_outputs_with_execution_counts()
    {
        var notebook = Create("nb.ipynb",
            Markdown("# t"),
            Code("Console.WriteLine(\"one\");\nConsole.WriteLine(\"two\");\nConsole.Error.WriteLine(\"warn\");"),
            Code("display(\"shown\");\n40 + 2"),
            Code("var nothing = 1;"));
        var result = await NotebookRunner.RunAsync(notebook, new RunOptions());
        Assert.True(result.Succeeded);
        var cells = result.Notebook.Cells;
        Assert.Equal(["stream", "stream"], Types(cells[1]));
        Assert.Equal("one\ntwo\n", NotebookCell.JoinText(cells[1].Outputs[0]!["text"]));
        Assert.Equal("stderr", (string?)cells[1].Outputs[1]!["name"]);
        Assert.Equal(["display_data", "execute_result"], Types(cells[2]));
        Assert.Equal("42", NotebookCell.JoinText(cells[2].Outputs[1]!["data"]!["text/plain"]));
        Assert.Equal(2, (int)cells[2].Outputs[1]!["execution_count"]!);
        Assert.Equal([1, 2, 3], cells.Where(c => c.IsCode).Select(c => c.ExecutionCount ?? 0));
        Assert.Empty(cells[3].Outputs);
        var run = result.Notebook.Metadata["ops"]!["run"]!;
        Assert.Equal("ok", (string?)run["status"]);
        Assert.Equal(3, run["cells"]!.AsArray().Count);
        Assert.False(string.IsNullOrEmpty((string?)run["user"]));
    }

    [Fact]
    public async Task Cells_run_in_the_notebooks_directory_with_parameters()
    {
        var notebook = Notebook.Load(ExampleFiles.PathOf("example.ipynb"));
        var before = Environment.CurrentDirectory;
        var result = await NotebookRunner.RunAsync(notebook, new RunOptions
        {
            Parameters = new Dictionary<string, ParameterInput> { ["retries"] = ParameterInput.FromText("7", "-p") },
        });
        Assert.True(result.Succeeded, result.FirstFailure?.ErrorMessage);
        Assert.Equal(before, Environment.CurrentDirectory);
        var data = result.Notebook.Cells.Single(c => c.Id == "data");
        Assert.Equal("wlc1: 3 APs, 7 retries\n", NotebookCell.JoinText(data.Outputs[0]!["text"]));
        Assert.Equal(7, (int)result.Notebook.Metadata["ops"]!["parameters"]!["retries"]!);
    }

    [Fact]
    public void Failing_cell_stops_the_run_exit_1_and_the_executed_notebook_is_written()
    {
        using var temp = ExampleFiles.Temp();
        var path = Save(temp.Path, "fail.ipynb",
            Code("Console.WriteLine(\"before\");"),
            Code("throw new InvalidOperationException(\"wlc1 did not answer\");"),
            Code("Console.WriteLine(\"after\");"));
        var output = Path.Combine(temp.Path, "out");
        Assert.Equal(1, OpsCommandLine.Run(["run", path, "--output", output]));

        var written = Notebook.Load(Path.Combine(output, "fail.ipynb"));
        var error = written.Cells[1].Outputs.Single()!;
        Assert.Equal("error", (string?)error["output_type"]);
        Assert.Equal("InvalidOperationException", (string?)error["ename"]);
        Assert.Equal("wlc1 did not answer", (string?)error["evalue"]);
        Assert.Null(written.Cells[2].ExecutionCount);
        Assert.Empty(written.Cells[2].Outputs);
        Assert.Equal("error", (string?)written.Metadata["ops"]!["run"]!["status"]);
        Assert.Equal(2, (int)written.Metadata["ops"]!["run"]!["failed_cell"]!);

        Assert.Equal(1, OpsCommandLine.Run(["run", path, "--output", output, "--allow-errors"]));
        Assert.Equal("after\n", NotebookCell.JoinText(Notebook.Load(Path.Combine(output, "fail.ipynb")).Cells[2].Outputs[0]!["text"]));
    }

    [Ops.Testing.PeerFact(PythonModules = ["nbformat"])]
    public async Task Executed_notebook_validates_in_nbformat_and_is_written_exactly_as_nbformat_writes_it()
    {
        using var temp = ExampleFiles.Temp();
        var notebook = Create(Path.Combine(temp.Path, "all.ipynb"),
            Markdown("# Ünïcode ✓"),
            Code("int n = 2;", "parameters"),
            Code("Console.WriteLine(\"日本語 out\");\ndisplay(new Table(\"a\").AddRow(\"<b>\"));\nn * 21"),
            Code("throw new InvalidOperationException(\"boom\");"));
        var result = await NotebookRunner.RunAsync(notebook, new RunOptions
        {
            Parameters = new Dictionary<string, ParameterInput> { ["n"] = ParameterInput.FromText("3", "-p") },
        });
        var path = Path.Combine(temp.Path, "all.out.ipynb");
        result.Notebook.Save(path);
        RoundTripTests.Python($"import nbformat\nnb = nbformat.read(r'{path}', as_version=4)\nnbformat.validate(nb)\nnbformat.write(nb, r'{path}.py.ipynb')");
        Assert.Equal(File.ReadAllText(path), File.ReadAllText(path + ".py.ipynb"));
    }

    [Fact]
    public async Task Secret_prompt_in_a_headless_run_fails_the_cell_with_what_to_do()
    {
        var notebook = Create("prompt.ipynb", Code("var community = Secret.Prompt(\"Community: \");"));
        var result = await NotebookRunner.RunAsync(notebook, new RunOptions());
        Assert.Equal(CellStatus.Error, result.Cells[0].Status);
        Assert.Contains("headless", result.Cells[0].ErrorMessage);
        Assert.Contains("Secret.FromEnv", result.Cells[0].ErrorMessage);
    }

    [Fact]
    public async Task Cell_over_the_timeout_is_cancelled_through_the_engine()
    {
        var notebook = Create("slow.ipynb", Code("var n = 0L;\nwhile (true) { n++; }"), Code("Console.WriteLine(\"never\");"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await NotebookRunner.RunAsync(notebook, new RunOptions { CellTimeout = TimeSpan.FromMilliseconds(500) });
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(CellStatus.Timeout, result.Cells[0].Status);
        Assert.Equal(CellStatus.Skipped, result.Cells[1].Status);
        Assert.Equal("CellTimeout", (string?)result.Notebook.Cells[0].Outputs.Single()!["ename"]);
        Assert.Contains("timeout of 0.5 s", (string?)result.Notebook.Cells[0].Outputs.Single()!["evalue"]);
    }

    [Fact]
    public void Bad_parameter_is_exit_1_before_anything_runs_or_is_written()
    {
        using var temp = ExampleFiles.Temp();
        var marker = Path.Combine(temp.Path, "ran.txt");
        var path = Save(temp.Path, "p.ipynb",
            Code("int retries = 3;", "parameters"),
            Code($"File.WriteAllText(@\"{marker}\", \"x\");"));
        var output = Path.Combine(temp.Path, "out");
        Assert.Equal(2, OpsCommandLine.Run(["run", path, "--output", output, "-p", "retries=many"]));
        Assert.Equal(2, OpsCommandLine.Run(["run", path, "--output", output, "-p", "retry=4"]));
        Assert.False(File.Exists(marker));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Directory_run_writes_every_notebook_and_html_into_output_skipping_out_and_executed_copies()
    {
        using var temp = ExampleFiles.Temp();
        var dir = Path.Combine(temp.Path, "notebooks");
        Save(dir, "a.ipynb", Code("1 + 1"));
        File.WriteAllText(Path.Combine(dir, "b.dib"), "#!markdown\n\n# B\n\n#!csharp\n\n\"b\"\n");
        Save(Path.Combine(dir, "out"), "stale.ipynb", Code("throw new Exception();"));
        Save(dir, "a.executed.ipynb", Code("throw new Exception();"));
        var output = Path.Combine(temp.Path, "out");
        Assert.Equal(0, OpsCommandLine.Run(["run", dir, "--output", output]));
        Assert.Equal(["a.html", "a.ipynb", "b.html", "b.ipynb"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
        var b = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "b.ipynb")))!;
        Assert.Equal("b", (string?)b["cells"]![1]!["outputs"]![0]!["data"]!["text/plain"]![0]);
    }

    /// <summary>
    /// Formatters belong to the notebook's session: one registered in the first notebook of a run
    /// must not change the second's outputs, so `ops run DIR` does not depend on notebook order.
    /// </summary>
    [Fact]
    public void A_formatter_registered_by_one_notebook_does_not_change_the_next_notebooks_outputs()
    {
        using var temp = ExampleFiles.Temp();
        var first = Save(temp.Path, "a-registers.ipynb",
            Code("Formatter.Register<int>(i => \"int \" + i);"),
            Code("42"));
        var second = Save(temp.Path, "b-shows.ipynb", Code("42"), Code("display(7);"));
        var output = Path.Combine(temp.Path, "out");
        Assert.Equal(0, OpsCommandLine.Run(["run", first, second, "--output", output]));

        string Shown(string name, int cell, int output) =>
            NotebookCell.JoinText(Notebook.Load(Path.Combine(temp.Path, "out", name)).Cells[cell].Outputs[output]!["data"]!["text/plain"]);
        Assert.Equal("int 42", Shown("a-registers.ipynb", 1, 0));
        Assert.Equal("42", Shown("b-shows.ipynb", 0, 0));
        Assert.Equal("7", Shown("b-shows.ipynb", 1, 0));
    }
}
