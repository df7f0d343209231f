using Ops.Kernel.Cli;
using Ops.Kernel.Notebooks;
using Ops.Kernel.Tests.Notebooks;

namespace Ops.Kernel.Tests.Cli;

public class MigrateVerbTests
{
    // Through OpsCommandLine.Run, as the program runs it (unknown options, exit-code table).
    private static (int Code, string Out, string Err) Invoke(params string[] args) => InProcessOps.Run(args);

    [Fact]
    public void A_mixed_dib_becomes_an_ops_notebook_with_other_languages_as_markdown()
    {
        using var temp = ExampleFiles.Temp();
        var target = Path.Combine(temp.Path, "inventory.ipynb");
        var (code, output, error) = Invoke("migrate", ExampleFiles.PathOf("polyglot/mixed-languages.dib"), "-o", target);

        Assert.True(code == ExitCodes.Success, error);
        Assert.Contains($"wrote {target}: 3 C# cells, 1 text cell, 3 kept as markdown", output);
        Assert.Contains("cell 4: F#, kept as markdown", output);
        Assert.Contains("cell 6: sql-inventory, kept as markdown", output);
        Assert.Contains("cell 7: commented out (no ops equivalent): #!share --from fsharp hosts", output);

        var notebook = Notebook.Load(target);
        Assert.Equal(Notebook.KernelName, (string?)notebook.Metadata["kernelspec"]!["name"]);
        Assert.Null(notebook.Metadata["polyglot_notebook"]);
        var cells = notebook.Cells;
        Assert.Equal(["markdown", "code", "code", "markdown", "markdown", "markdown", "code"], cells.Select(c => c.CellType));
        Assert.Equal("#i \"nuget: https://api.nuget.org/v3/index.json\"\n#r \"nuget: Newtonsoft.Json, 13.0.1\"", cells[1].Source);
        Assert.Equal("#!time\nvar hosts = new[] { \"web01\", \"web02\" };\nhosts.Length", cells[2].Source);
        Assert.StartsWith("> **ops migrate:** this cell was F# (`#!fsharp`)", cells[3].Source);
        Assert.EndsWith("```fsharp\nlet hosts = [ \"web01\"; \"web02\" ]\nhosts |> List.length\n```", cells[3].Source);
        Assert.Equal("// ops migrate: no ops equivalent for: #!share --from fsharp hosts\nConsole.WriteLine(\"shared\");", cells[6].Source);
        // Every code cell is now C# for ops: the runner's language check has nothing to report.
        Assert.All(cells.Where(c => c.IsCode), c => Assert.True(DibFormat.IsCSharp(c)));
    }

    [Fact]
    public void The_default_output_sits_beside_the_notebook_and_fences_outgrow_backticks_in_the_code()
    {
        using var temp = ExampleFiles.Temp();
        var source = temp.Write("fences.dib", "#!csharp\n\n1 + 1\n\n#!fsharp\n\nlet s = \"```\"\n");
        var (code, _, error) = Invoke("migrate", source);
        Assert.True(code == ExitCodes.Success, error);
        var cells = Notebook.Load(Path.Combine(temp.Path, "fences.ops.ipynb")).Cells;
        Assert.EndsWith("````fsharp\nlet s = \"```\"\n````", cells[1].Source);
    }

    [Fact]
    public void Bad_inputs_say_what_and_use_the_exit_code_table()
    {
        using var temp = ExampleFiles.Temp();
        var missing = Path.Combine(temp.Path, "nope.dib");
        var (code, _, error) = Invoke("migrate", missing);
        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains(missing, error);

        var broken = temp.Write("broken.ipynb", "{\"cells\": [");
        (code, _, error) = Invoke("migrate", broken);
        Assert.Equal(ExitCodes.InputError, code);
        Assert.Contains("broken.ipynb: not valid JSON", error);

        (code, _, error) = Invoke("migrate", ExampleFiles.PathOf("polyglot/csharp-only.dib"), "-o", Path.Combine(temp.Path, "out.dib"));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("must be a .ipynb file", error);
        Assert.False(File.Exists(Path.Combine(temp.Path, "out.dib")));
    }
}
