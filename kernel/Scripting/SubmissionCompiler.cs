using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;

namespace Ops.Kernel.Scripting;

/// <summary>
/// Turns a session's cell text into submissions of a chain: the session's script options (whose
/// references grow with <c>#r "nuget:"</c>), the rewrites every cell gets, and the fallbacks when
/// the cancellation rewrite breaks a cell.
/// </summary>
internal sealed class SubmissionCompiler : IDisposable
{
    private readonly InteractiveAssemblyLoader _unusedLoader = new();
    private ScriptOptions _options;

    public SubmissionCompiler(EngineOptions options, string workingDirectory)
    {
        CellPath = Path.Combine(workingDirectory, "cell");
        _options = ScriptOptions.Default
            .WithReferences(SessionReferences.With(options.References))
            .WithImports(SessionReferences.Imports(options.Imports))
            .WithMetadataResolver(new SharedAssemblyResolver(ScriptMetadataResolver.Default.WithBaseDirectory(workingDirectory).WithSearchPaths(workingDirectory)))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(workingDirectory).WithSearchPaths(workingDirectory))
            .WithFilePath(CellPath)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(System.Text.Encoding.UTF8)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithAllowUnsafe(true);
    }

    public CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>The file name cells compile under; tracebacks keep only the frames in it.</summary>
    public string CellPath { get; }

    public void AddReferences(IEnumerable<MetadataReference> references) => _options = _options.AddReferences(references);

    /// <summary>
    /// The cell's syntax with the session's rewrites. Parsed once: the cancellation rewrite, the
    /// trailing-expression check and the rebase log all read this tree.
    /// </summary>
    public CompilationUnitSyntax Parse(string code, CancellationToken cancellationToken) =>
        ConsoleClearRewriter.Rewrite(
            UsingDeclarations.Rewrite((CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, ParseOptions).GetRoot(cancellationToken), ParseOptions));

    /// <summary>
    /// Compiles the cell with cancellation checks inserted; if the rewrite itself breaks the cell
    /// (an unusual lambda), falls back to fewer checks, and reports errors against the original code.
    /// </summary>
    public CompiledSubmission Compile(SubmissionChain chain, CompilationUnitSyntax root, CancellationToken cancellationToken)
    {
        CompiledSubmission? first = null;
        foreach (var variant in new[] { Variant.Full, Variant.LoopsOnly, Variant.Original })
        {
            var text = variant == Variant.Original ? root.ToFullString() : CancellationRewriter.Rewrite(root, variant == Variant.Full);
            // Emit binds once; a separate diagnostics pass first would bind the cell twice.
            var compiled = chain.Compile(Continue(chain, text), cancellationToken);
            if (compiled.Success) return compiled;
            first ??= compiled;
            if (variant == Variant.Original) return compiled;
        }
        return first!;
    }

    private enum Variant { Full, LoopsOnly, Original }

    /// <summary>The code as the chain's next submission.</summary>
    public Script<object> Continue(SubmissionChain chain, string code) =>
        chain.Last is { } last ? Continue(last, code) : NewChainScript(code);

    public Script<object> Continue(Script<object> script, string code) => script.ContinueWith<object>(code, _options);

    /// <summary>
    /// The first script of a chain. Roslyn creates a loader, with a load context that is never
    /// freed, for each chain unless given one; cells are loaded by <see cref="SubmissionChain"/>,
    /// so the session passes the same unused loader every time.
    /// </summary>
    public Script<object> NewChainScript(string code) => CSharpScript.Create<object>(code, _options, typeof(ScriptGlobals), _unusedLoader);

    /// <summary>The semantic model of <paramref name="code"/> as the chain's next cell, for completion and inspection.</summary>
    public SemanticModel Model(SubmissionChain chain, string code)
    {
        var compilation = Continue(chain, code).GetCompilation();
        var tree = compilation.SyntaxTrees.First(t => t.FilePath == CellPath || t.ToString() == code);
        return compilation.GetSemanticModel(tree);
    }

    public void Dispose() => _unusedLoader.Dispose();
}
