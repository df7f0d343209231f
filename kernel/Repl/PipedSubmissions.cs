using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Repl;

/// <summary>
/// Splits piped REPL input into submissions by syntax, not by lines: a complete statement is held
/// until the next line shows whether that line continues it (<c>try {} catch {}</c> then
/// <c>finally {}</c>, <c>if</c> then <c>else</c>, a fluent <c>.Call()</c>), and from a top-level
/// <c>using var</c> on, the rest of the input is one submission, so the variable lives to the end.
/// </summary>
internal sealed class PipedSubmissions(Func<string, CompletenessStatus> completeness)
{
    private static readonly CSharpParseOptions Script = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    private readonly StringBuilder _pending = new();
    private int _line;
    private int _startLine = 1;
    private bool _held;

    /// <summary>A submission and the stdin line it starts on; <see cref="IsHelp"/> for a <c>#help</c> line.</summary>
    public sealed record Submission(string Code, int StartLine, bool IsHelp = false);

    /// <summary>Takes the next input line; returns the submissions it completes (usually none or one).</summary>
    public List<Submission> Add(string line)
    {
        _line++;
        var ready = new List<Submission>();
        var blank = string.IsNullOrWhiteSpace(line);
        if (_held && !blank && !Continues(line)) ready.Add(Take());
        if (_pending.Length == 0)
        {
            if (blank) { _startLine = _line + 1; return ready; }
            if (line.Trim() == "#help") { ready.Add(new Submission("", _line, IsHelp: true)); _startLine = _line + 1; return ready; }
            _startLine = _line;
        }
        if (blank && _held) return ready;
        _pending.Append(line).Append('\n');
        _held = completeness(_pending.ToString()) != CompletenessStatus.Incomplete;
        return ready;
    }

    /// <summary>The input has ended: whatever is pending is the last submission.</summary>
    public Submission? End() => _pending.Length > 0 && !string.IsNullOrWhiteSpace(_pending.ToString()) ? Take() : null;

    private Submission Take()
    {
        var submission = new Submission(_pending.ToString(), _startLine);
        _pending.Clear();
        _held = false;
        return submission;
    }

    /// <summary>
    /// True when <paramref name="line"/> becomes part of the pending code's last statement (and forms no error
    /// inside the pending code: <c>a + 1</c> then <c>a + 2</c> are two submissions), or when the pending
    /// code holds a top-level using declaration, which must run to the end.
    /// </summary>
    private bool Continues(string line)
    {
        var pending = _pending.ToString();
        var before = Parse(pending);
        if (before.Members.Count == 0 || !ReferenceEquals(UsingDeclarations.Rewrite(before, Script), before)) return true;
        var after = Parse(pending + line + "\n");
        var end = pending.TrimEnd().Length;
        return after.Members.Count >= before.Members.Count
            && after.Members[before.Members.Count - 1].Span.End > end
            && !after.SyntaxTree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceSpan.Start <= end);
    }

    private static CompilationUnitSyntax Parse(string code) => (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, Script).GetRoot();
}
