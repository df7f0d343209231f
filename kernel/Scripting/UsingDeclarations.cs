using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Ops.Kernel.Scripting;

/// <summary>
/// C# scripts reject a top-level <c>using var x = ...;</c> (the script parser takes it for a
/// broken using directive), yet it is what people write in a cell (<c>await using var wlc =
/// Wlc.Open(...)</c>). The engine turns it into a plain declaration and registers the value with
/// <see cref="CellResources"/>, which disposes it when the cell ends, in reverse order, as C# does
/// at the end of a scope. The variable stays in the session, disposed. The <c>await using</c>
/// keywords become spaces and the registration follows the semicolon on the same line, so lines
/// and columns in errors stay those of the cell (except for a further statement on that line).
/// </summary>
internal static class UsingDeclarations
{
    private static readonly CSharpParseOptions Regular = new(LanguageVersion.Latest);

    /// <summary>The cell with its top-level using declarations rewritten, or the same tree when it has none.</summary>
    public static CompilationUnitSyntax Rewrite(CompilationUnitSyntax root, CSharpParseOptions options)
    {
        var text = root.SyntaxTree.GetText();
        var source = text.ToString();
        var changes = new List<TextChange>();
        var end = -1;
        foreach (var token in root.DescendantTokens(descendIntoTrivia: true))
        {
            // At the top level the keyword lands in a using directive or in skipped tokens;
            // inside a block it is already a proper declaration and is left alone.
            if (!token.IsKind(SyntaxKind.UsingKeyword) || token.SpanStart < end) continue;
            if (token.Parent is not (UsingDirectiveSyntax or SkippedTokensTriviaSyntax)) continue;
            var previous = token.GetPreviousToken(includeZeroWidth: false, includeSkipped: true);
            var start = previous.Text == "await" ? previous.SpanStart : token.SpanStart;
            // The parse runs on to the end of the cell; only the declaration itself must be clean.
            if (SyntaxFactory.ParseStatement(source[start..], options: Regular) is not LocalDeclarationStatementSyntax
                { UsingKeyword.RawKind: (int)SyntaxKind.UsingKeyword, Declaration.ContainsDiagnostics: false, SemicolonToken.IsMissing: false } declaration) continue;

            var isAsync = declaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword);
            var keywords = TextSpan.FromBounds(start, start + declaration.UsingKeyword.Span.End);
            changes.Add(new TextChange(keywords, new string(' ', keywords.Length)));
            var register = isAsync ? "__awaitUsingAtEnd" : "__usingAtEnd";
            end = start + declaration.SemicolonToken.Span.End;
            changes.Add(new TextChange(new TextSpan(end, 0),
                string.Concat(declaration.Declaration.Variables.Select(v => $" {register}({v.Identifier.Text});"))));
        }
        if (changes.Count == 0) return root;
        return (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(text.WithChanges(changes), options).GetRoot();
    }
}
