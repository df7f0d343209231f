using Ops.Kernel.Notebooks;
using Ops.Testing;
using Documents = Microsoft.DotNet.Interactive.Documents;

namespace Ops.Kernel.Tests.Notebooks;

/// <summary>
/// ops reads Polyglot notebooks the way .NET Interactive does: every notebook in notebooks/, the
/// corpus in Examples/polyglot and notebooks written by .NET Interactive's own writer
/// (Microsoft.DotNet.Interactive.Documents) give the same cells, kernels and sources in both readers.
/// </summary>
public class PolyglotDocumentsTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "notebooks"), "*.ipynb").Order()) data.Add(f);
        foreach (var f in Directory.EnumerateFiles(ExampleFiles.PathOf("polyglot")).Order()) data.Add(f);
        data.Add(ExampleFiles.PathOf("example.dib"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Cells_kernels_and_sources_match_dotnet_interactive(string path) =>
        AssertSameCells(path, File.ReadAllText(path));

    [Fact]
    public void Notebooks_written_by_dotnet_interactive_read_the_same_in_both_formats()
    {
        var document = new Documents.InteractiveDocument(
        [
            new Documents.InteractiveDocumentElement("# Written by Documents\n\nfrom code", "markdown", []),
            new Documents.InteractiveDocumentElement("#!time\n#r \"nuget: Newtonsoft.Json, 13.0.1\"\nvar n = 2;\nn * 21", "csharp", []),
            new Documents.InteractiveDocumentElement("let n = 2", "fsharp", []),
            new Documents.InteractiveDocumentElement("Get-Date", "pwsh", []),
            new Documents.InteractiveDocumentElement("#i \"nuget: /srv/feed\"\nConsole.WriteLine(\"#!notakernel\");", "csharp", []),
        ]);
        var dib = Documents.CodeSubmission.ToCodeSubmissionContent(document, "\n");
        var ipynb = Documents.Jupyter.Notebook.ToJupyterJson(document);

        AssertSameCells("written.dib", dib);
        AssertSameCells("written.ipynb", ipynb);
        var fromDib = Notebook.Parse(dib, "written.dib").Cells;
        Assert.Equal(["markdown", "csharp", "fsharp", "pwsh", "csharp"], fromDib.Select(DibFormat.KernelOf));
        Assert.Equal(fromDib.Select(DibFormat.KernelOf), Notebook.Parse(ipynb, "written.ipynb").Cells.Select(DibFormat.KernelOf));
    }

    private static void AssertSameCells(string path, string text)
    {
        var theirs = Parse(path, text).Elements.Select(e => (Kernel: e.KernelName, Source: Normal(e.Contents))).ToList();
        var ours = Notebook.Parse(text, path).Cells
            .Select(c => (Kernel: c.CellType == "markdown" ? "markdown" : DibFormat.KernelOf(c), Source: Normal(c.Source))).ToList();
        Assert.True(theirs.Count == ours.Count, $"{path}: .NET Interactive reads {theirs.Count} cells, ops {ours.Count}");
        for (var i = 0; i < ours.Count; i++)
        {
            Assert.True(theirs[i].Kernel == ours[i].Kernel, $"{path}: cell {i + 1}: .NET Interactive says kernel {theirs[i].Kernel}, ops {ours[i].Kernel}");
            Assert.True(theirs[i].Source == ours[i].Source, $"{path}: cell {i + 1}: sources differ\n--- .NET Interactive\n{theirs[i].Source}\n--- ops\n{ours[i].Source}");
        }
    }

    private static Documents.InteractiveDocument Parse(string path, string text) =>
        path.EndsWith(".dib", StringComparison.OrdinalIgnoreCase)
            ? Documents.CodeSubmission.Parse(text, Kernels())
            : Documents.Jupyter.Notebook.Parse(text, Kernels());

    // The kernels a .NET Interactive C# session has; a notebook's own #!meta / metadata adds more.
    private static Documents.KernelInfoCollection Kernels()
    {
        var kernels = new Documents.KernelInfoCollection
        {
            new("csharp", "C#", ["c#", "C#", "cs"]),
            new("fsharp", "F#", ["f#", "F#", "fs"]),
            new("pwsh", "PowerShell", ["powershell"]),
            new("markdown", "Markdown", ["md"]),
            new("sql", "SQL", []),
            new("html", "HTML", []),
            new("javascript", "JavaScript", ["js"]),
        };
        kernels.DefaultKernelName = "csharp";
        return kernels;
    }

    private static string Normal(string text) => text.Replace("\r\n", "\n").Trim();
}
