using System.Text.Json.Nodes;
using Ops.Kernel.Cli;
using Ops.Kernel.Notebooks;
using static Ops.Kernel.Tests.Notebooks.TestNotebooks;

namespace Ops.Kernel.Tests.Notebooks;

[Collection(RunnerCollection.Name)]
public class VerifyTests
{
    /// <summary>Runs the notebook and stores its outputs in place, as a notebook author would commit it.</summary>
    private static async Task<string> Stored(string directory, string name, params NotebookCell[] cells)
    {
        var path = Save(directory, name, cells);
        var result = await NotebookRunner.RunAsync(Notebook.Load(path), new RunOptions { AllowErrors = true });
        result.Notebook.Save(path);
        return path;
    }

    [Fact]
    public async Task Verify_passes_on_a_fresh_run_and_reports_a_diff_when_an_output_changes()
    {
        using var temp = ExampleFiles.Temp();
        var path = await Stored(temp.Path, "v.ipynb",
            Code("Console.WriteLine(\"APs: 3\");   "),
            Code("new Table(\"AP\", \"Channel\").AddRow(\"AP1\", 36)"),
            Code("// ops: ignore-output\nConsole.WriteLine(DateTime.UtcNow.Ticks);"),
            Code("// ops: raises\nthrow new TimeoutException(\"wlc2\");"),
            Code("Console.WriteLine(Guid.NewGuid());", NotebookVerifier.IgnoreOutputTag));
        var pass = await NotebookVerifier.VerifyAsync(path);
        Assert.True(pass.Passed, string.Join("\n", pass.Cells.Where(c => !c.Passed).Select(c => c.Reason + "\n" + c.Diff)));
        Assert.Equal(0, OpsCommandLine.Run(["verify", path]));

        // Someone edits the stored output: verify shows what differs, per cell.
        var notebook = Notebook.Load(path);
        notebook.Cells[0].Outputs[0]!["text"] = NotebookCell.SplitLines("APs: 4\n");
        notebook.Save(path);
        var fail = await NotebookVerifier.VerifyAsync(path);
        var cell = Assert.Single(fail.Cells, c => !c.Passed);
        Assert.Equal(0, cell.Index);
        Assert.Contains("- APs: 4", cell.Diff);
        Assert.Contains("+ APs: 3", cell.Diff);
        Assert.Equal(1, OpsCommandLine.Run(["verify", path]));
    }

    [Fact]
    public async Task Raises_marker_fails_when_the_cell_completes_and_unmarked_errors_fail()
    {
        using var temp = ExampleFiles.Temp();
        var path = await Stored(temp.Path, "r.ipynb",
            Code("1", NotebookVerifier.RaisesTag),
            Code("int.Parse(\"x\")"));
        var result = await NotebookVerifier.VerifyAsync(path);
        Assert.Contains("expected an exception", result.Cells[0].Reason);
        Assert.Contains("raised FormatException", result.Cells[1].Reason);
    }

    [Fact]
    public async Task Sanitizers_from_ops_verify_yaml_in_a_parent_directory_apply()
    {
        using var temp = ExampleFiles.Temp();
        var dir = Path.Combine(temp.Path, "nested");
        var path = await Stored(dir, "s.ipynb", Code("Console.WriteLine($\"run {Guid.NewGuid()} done\");"));
        Assert.False((await NotebookVerifier.VerifyAsync(path)).Passed);

        temp.Write(VerifySettings.FileName, "sanitizers:\n  - regex: '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'\n    replace: '<guid>'\n");
        var result = await NotebookVerifier.VerifyAsync(path);
        Assert.True(result.Passed, result.Cells[0].Diff);
    }

    [Fact]
    public void Comparison_ignores_line_endings_trailing_whitespace_display_ids_and_uncompared_mimes()
    {
        static JsonArray Outputs(string text, string html, string plotly) => new(
            new JsonObject { ["name"] = "stdout", ["output_type"] = "stream", ["text"] = NotebookCell.SplitLines(text) },
            new JsonObject
            {
                ["output_type"] = "display_data", ["metadata"] = new JsonObject(),
                ["data"] = new JsonObject { ["text/html"] = html, ["application/vnd.plotly.v1+json"] = new JsonObject { ["x"] = plotly } },
            });
        var a = NotebookVerifier.Comparable(Outputs("a  \r\nb\r\n", "<div id=\"p-0123456789abcdef0123456789abcdef\">x</div>", "1"), VerifySettings.None, false);
        var b = NotebookVerifier.Comparable(Outputs("a\nb\n", "<div id=\"p-fedcba9876543210fedcba9876543210\">x</div>", "2"), VerifySettings.None, false);
        Assert.Equal(a, b);
        var c = NotebookVerifier.Comparable(Outputs("a\nb\n", "<div>y</div>", "2"), VerifySettings.None, false);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public async Task Provenance_metadata_is_not_compared()
    {
        using var temp = ExampleFiles.Temp();
        var path = await Stored(temp.Path, "m.ipynb", Code("\"same\""));
        var notebook = Notebook.Load(path);
        notebook.Metadata["ops"]!["run"]!["host"] = "elsewhere";
        notebook.Metadata["ops"]!["run"]!["start"] = "2001-01-01T00:00:00Z";
        notebook.Save(path);
        Assert.True((await NotebookVerifier.VerifyAsync(path)).Passed);
    }
}
