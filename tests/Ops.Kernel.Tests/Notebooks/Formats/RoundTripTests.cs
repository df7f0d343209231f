using System.Diagnostics;
using System.Text.Json.Nodes;
using Ops.Kernel.Notebooks;
using Ops.Testing;

namespace Ops.Kernel.Tests.Notebooks;

public class RoundTripTests
{
    [Theory]
    [InlineData("jupyter.ipynb")]
    [InlineData("ascii-indent2.ipynb")]
    [InlineData("unsorted.ipynb")]
    [InlineData("example.dib")]
    public void Reading_and_writing_without_execution_is_byte_identical(string name)
    {
        var path = ExampleFiles.PathOf(name);
        var original = File.ReadAllBytes(path);
        var notebook = Notebook.Load(path);
        using var temp = ExampleFiles.Temp();
        var copy = System.IO.Path.Combine(temp.Path, name);
        notebook.Save(copy);
        Assert.Equal(original, File.ReadAllBytes(copy));
    }

    [Fact]
    public void Unknown_metadata_and_cell_ids_are_kept()
    {
        var notebook = Notebook.Load(ExampleFiles.PathOf("jupyter.ipynb"));
        Assert.Equal(true, (bool?)notebook.Metadata["custom_tool"]!["kept"]);
        Assert.Equal(["intro", "params", "calc", "chart", "raw"], notebook.Cells.Select(c => c.Id));
        Assert.Equal(false, (bool?)notebook.Cells[2].Metadata["jupyter"]!["source_hidden"]);
        Assert.Equal("Console.WriteLine(\"hello\");\n1 + 1", notebook.Cells[2].Source);
        Assert.True(notebook.Cells[1].HasTag("parameters"));
    }

    [Fact]
    public void Added_cells_follow_the_files_layout()
    {
        var notebook = Notebook.Load(ExampleFiles.PathOf("jupyter.ipynb"));
        notebook.InsertCell(2, NotebookCell.Create("code", "int retries = 5;\n", notebook.UniqueCellId("params")));
        var text = notebook.Serialize();
        Assert.Contains("\n   \"id\": \"params-2\",\n", text);
        Assert.Contains("\"source\": [\n    \"int retries = 5;\\n\"\n   ]", text);
        // Reading our own output and writing it again is byte-identical too.
        Assert.Equal(text, Notebook.Parse(text, "x.ipynb").Serialize());
    }

    [Fact]
    public void Dib_sections_become_cells_and_magics_stay_inside()
    {
        var notebook = Notebook.Load(ExampleFiles.PathOf("example.dib"));
        Assert.Equal(["markdown", "code", "code"], notebook.Cells.Select(c => c.CellType));
        Assert.Equal("# Example (.dib)\n\nPolyglot format.", notebook.Cells[0].Source);
        Assert.True(notebook.Cells[1].HasTag("parameters"));
        Assert.StartsWith("#!time\n", notebook.Cells[2].Source);
        Assert.Equal("csharp", (string?)notebook.Metadata["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]);
    }

    [Fact]
    public void Dib_saved_as_ipynb_is_nbformat_4_5()
    {
        var notebook = Notebook.Load(ExampleFiles.PathOf("example.dib"));
        var root = JsonNode.Parse(notebook.SerializeIpynb())!;
        Assert.Equal(4, (int)root["nbformat"]!);
        Assert.Equal(5, (int)root["nbformat_minor"]!);
        Assert.Equal(3, root["cells"]!.AsArray().Count);
        Assert.All(root["cells"]!.AsArray(), c => Assert.False(string.IsNullOrEmpty((string?)c!["id"])));
    }

    [Theory]
    [InlineData("{\"cells\": [], \"metadata\": {}", "not valid JSON")]
    [InlineData("[1]", "must be a JSON object")]
    [InlineData("{\"nbformat\": 3, \"cells\": []}", "nbformat 3 is not supported")]
    [InlineData("{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [{\"cell_type\": \"markdown\", \"id\": \"a\", \"metadata\": {}, \"source\": \"x\"}, {\"cell_type\": \"code\", \"id\": \"b2\", \"metadata\": {}, \"source\": 5, \"outputs\": []}]}",
        "bad.ipynb: cell 2 (id b2): \"source\" must be a string")]
    [InlineData("{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [{\"cell_type\": \"code\", \"metadata\": {}, \"source\": \"\", \"outputs\": [{\"output_type\": \"bogus\"}]}]}",
        "bad.ipynb: cell 1: output 1 has unknown output_type")]
    [InlineData("{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {}, \"cells\": [{\"cell_type\": \"sql\", \"metadata\": {}, \"source\": \"\"}]}",
        "cell 1: \"cell_type\" must be")]
    public void Malformed_notebooks_name_the_file_and_cell(string json, string expected)
    {
        var e = Assert.Throws<NotebookFormatException>(() => Notebook.Parse(json, "bad.ipynb"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("bad.ipynb: ", e.Message);
    }

    [PeerFact(PythonModules = ["nbformat"])]
    public void Notebook_written_by_nbformat_reads_back_identically_and_ours_validates_in_nbformat()
    {
        using var temp = ExampleFiles.Temp();
        var fromPython = System.IO.Path.Combine(temp.Path, "py.ipynb");
        Python($"import nbformat\nfrom nbformat import v4\nnb = v4.new_notebook(cells=[v4.new_markdown_cell('é ✓'), v4.new_code_cell('1+1', outputs=[v4.new_output('execute_result', execution_count=1, data={{'text/plain': '2'}})], execution_count=1)])\nnbformat.write(nb, r'{fromPython}')");
        var notebook = Notebook.Load(fromPython);
        var ours = System.IO.Path.Combine(temp.Path, "ours.ipynb");
        notebook.Save(ours);
        Assert.Equal(File.ReadAllBytes(fromPython), File.ReadAllBytes(ours));

        var dib = Notebook.Load(ExampleFiles.PathOf("example.dib"));
        var converted = System.IO.Path.Combine(temp.Path, "dib.ipynb");
        File.WriteAllText(converted, dib.SerializeIpynb());
        Python($"import nbformat\nnb = nbformat.read(r'{converted}', as_version=4)\nnbformat.validate(nb)\nnbformat.write(nb, r'{converted}.py.ipynb')");
        Assert.Equal(File.ReadAllText(converted), File.ReadAllText(converted + ".py.ipynb"));
    }

    internal static void Python(string code)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3", ["-c", code]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(30_000), "python3 did not finish in 30 s");
        Assert.True(p.ExitCode == 0, "python3 failed: " + err.Result);
    }
}

public class OlderNbformatTests
{
    [Fact]
    public void Cells_added_to_a_4_4_notebook_get_no_id()
    {
        var notebook = Notebook.Parse("{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": null, \"metadata\": {\"tags\": [\"parameters\"]}, \"outputs\": [], \"source\": \"int n = 1;\"}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 4}", "old.ipynb");
        ParameterInjection.Apply(notebook, new Dictionary<string, ParameterInput> { ["n"] = ParameterInput.FromText("2", "-p") });
        Assert.Equal(2, notebook.Cells.Count);
        Assert.Null(notebook.Cells[1].Id);
        Assert.False(notebook.Cells[1].Json.ContainsKey("id"));
    }
}
