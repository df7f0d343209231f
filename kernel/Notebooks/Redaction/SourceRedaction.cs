using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Ops.Secrets;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// Redaction of a C# cell's source that never turns working code into broken code: a secret is
/// replaced only where it lies wholly inside one string literal's content or one comment, as
/// Roslyn's syntax tree says, and the result must parse with no more errors than the original.
/// A secret anywhere else (split over literals, in an identifier, or where the edit would break
/// the cell) is left in place and reported, so the run can say so and <c>ops scan</c> fails on it.
/// </summary>
public static class SourceRedaction
{
    private static readonly CSharpParseOptions Script = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>The redacted source; <paramref name="left"/> holds the secrets that could not be redacted safely.</summary>
    public static string Redact(string source, SecretScanner scanner, out int count, out IReadOnlyList<SecretFinding> left)
    {
        count = 0;
        var findings = scanner.Scan(source, TextKind.Code);
        if (findings.Count == 0)
        {
            left = [];
            return source;
        }
        var tree = CSharpSyntaxTree.ParseText(source, Script);
        var root = tree.GetRoot();
        var safe = new List<SecretFinding>();
        var unsafeFindings = new List<SecretFinding>();
        foreach (var f in findings) (IsInsideLiteralOrComment(root, f) ? safe : unsafeFindings).Add(f);

        var redacted = Replace(source, safe);
        if (safe.Count > 0 && Errors(CSharpSyntaxTree.ParseText(redacted, Script)) > Errors(tree))
        {
            unsafeFindings.AddRange(safe);
            safe.Clear();
            redacted = source;
        }
        count = safe.Count;
        left = unsafeFindings.OrderBy(f => f.Start).ToList();
        return redacted;
    }

    private static bool IsInsideLiteralOrComment(SyntaxNode root, SecretFinding f)
    {
        var trivia = root.FindTrivia(f.Start, findInsideTrivia: true);
        if (trivia.Span.Contains(new Microsoft.CodeAnalysis.Text.TextSpan(f.Start, f.Length))
            && (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia)
                || trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia)))
            return true;
        var token = root.FindToken(f.Start, findInsideTrivia: true);
        if (!(token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.InterpolatedStringTextToken)
              || token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) || token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken)
              || token.IsKind(SyntaxKind.Utf8StringLiteralToken)))
            return false;
        var (start, end) = Content(token);
        if (f.Start < start || f.End > end) return false;
        // Cutting into an escape sequence (`\"`, `\x41`) would change where the literal ends.
        var text = root.SyntaxTree.GetText();
        return text[f.End - 1] != '\\' && (f.Start == 0 || text[f.Start - 1] != '\\');
    }

    // The characters between a literal's delimiters (quotes, @, $, raw quote runs, u8).
    private static (int Start, int End) Content(SyntaxToken token)
    {
        var text = token.Text;
        if (token.IsKind(SyntaxKind.InterpolatedStringTextToken)) return (token.SpanStart, token.Span.End);
        var open = 0;
        while (open < text.Length && text[open] is '@' or '$') open++;
        var quotes = 0;
        while (open + quotes < text.Length && text[open + quotes] == '"') quotes++;
        var close = text.Length;
        if (text.EndsWith("u8", StringComparison.OrdinalIgnoreCase)) close -= 2;
        var closing = Math.Min(quotes, close - open - quotes);
        return (token.SpanStart + open + quotes, token.SpanStart + close - Math.Max(0, closing));
    }

    private static string Replace(string source, IReadOnlyList<SecretFinding> findings)
    {
        if (findings.Count == 0) return source;
        var sb = new System.Text.StringBuilder(source.Length);
        var at = 0;
        foreach (var f in findings.OrderBy(f => f.Start))
        {
            sb.Append(source, at, f.Start - at).Append(SecretScanner.Marker(f.Kind));
            at = f.End;
        }
        return sb.Append(source, at, source.Length - at).ToString();
    }

    private static int Errors(SyntaxTree tree) => tree.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
}
