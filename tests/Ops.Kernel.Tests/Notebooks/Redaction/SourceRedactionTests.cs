using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Ops.Kernel.Notebooks;
using Ops.Secrets;

namespace Ops.Kernel.Tests.Notebooks;

public class SourceRedactionTests
{
    private static readonly CSharpParseOptions Script = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    // Binds the cell as a script against the framework: the redacted source must still compile.
    private static IReadOnlyList<Diagnostic> Errors(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, Script);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) == "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.CreateScriptCompilation("cell", tree, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: ["System", "System.Linq"]));
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }

    [Theory]
    // A quoted-assignment look-alike across two literals: nothing to cut into (the printed text is caught as prose).
    [InlineData("Console.WriteLine(string.Concat(\"Password = \", \"hunter\",\"2space\"));", 0, 0)]
    // A key that is an identifier: redacting it would break the cell, so it is left and reported.
    [InlineData("var AKIAZ7QWERTYUIOPASDF = 1;", 0, 1)]
    [InlineData("var cs = \"Server=db;Password=hunter2xyz;\";", 1, 0)]
    [InlineData("var cs = @\"Server=db;Password=hunter2xyz;\";", 1, 0)]
    [InlineData("var cs = $\"Server={1};Password=hunter2xyz;\";", 1, 0)]
    [InlineData("var cs = \"\"\"Server=db;Password=hunter2xyz;\"\"\";", 1, 0)]
    [InlineData("var x = 1; // Password=hunter2xyz\n/* token=abcdef123456 */", 2, 0)]
    [InlineData("var password = \"hunter2xyz\";", 1, 0)]
    // An escape at the secret's edge: cutting it would move the literal's end.
    [InlineData("var s = \"pwd=abc\\\"def\";", 0, 1)]
    public void Redacts_only_inside_literals_and_comments_and_the_cell_still_compiles(string source, int redacted, int left)
    {
        Assert.Empty(Errors(source));
        var result = SourceRedaction.Redact(source, new SecretScanner(includeLiveSecrets: false), out var count, out var remaining);
        Assert.Equal(redacted, count);
        Assert.Equal(left, remaining.Count);
        Assert.Empty(Errors(result));
        if (redacted > 0) Assert.Contains("[REDACTED:", result);
        if (redacted == 0) Assert.Equal(source, result);
    }

    [Fact]
    public void A_secret_left_in_code_is_reported_by_the_run_result_and_found_by_scan()
    {
        var notebook = TestNotebooks.Create("left.ipynb", TestNotebooks.Code("var a = 1;\nvar AKIAZ7QWERTYUIOPASDF = 2;"));
        var result = NotebookRedaction.RedactAll(notebook, new SecretScanner(includeLiveSecrets: false));
        var left = Assert.Single(result.Left);
        Assert.Equal((1, 2, SecretKind.AwsAccessKeyId), (left.Cell, left.Line, left.Kind));
        Assert.Single(SecretScan.ScanNotebook(notebook, Path.Combine(Path.GetTempPath(), "left.ipynb")));
    }
}
