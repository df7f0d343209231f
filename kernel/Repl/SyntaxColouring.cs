using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ops.Kernel.Repl;

/// <summary>ANSI colours for C# typed at the prompt: keywords, strings, numbers, comments.</summary>
internal static class SyntaxColouring
{
    private const string Reset = "\u001b[0m";

    public static string Colour(string line)
    {
        if (line.Length == 0) return line;
        var sb = new StringBuilder(line.Length * 2);
        var position = 0;
        foreach (var token in SyntaxFactory.ParseTokens(line, options: new CSharpParseOptions(kind: SourceCodeKind.Script)))
        {
            foreach (var trivia in token.LeadingTrivia) Append(sb, line, ref position, trivia.Span, TriviaColour(trivia));
            Append(sb, line, ref position, token.Span, TokenColour(token));
            foreach (var trivia in token.TrailingTrivia) Append(sb, line, ref position, trivia.Span, TriviaColour(trivia));
        }
        if (position < line.Length) sb.Append(line, position, line.Length - position);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string line, ref int position, Microsoft.CodeAnalysis.Text.TextSpan span, string? colour)
    {
        var start = Math.Max(span.Start, position);
        var end = Math.Min(span.End, line.Length);
        if (end <= start) return;
        if (colour == null) sb.Append(line, start, end - start);
        else sb.Append(colour).Append(line, start, end - start).Append(Reset);
        position = end;
    }

    private static string? TriviaColour(SyntaxTrivia trivia) =>
        trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia) ? "\u001b[90m" : null;

    private static string? TokenColour(SyntaxToken token)
    {
        if (SyntaxFacts.IsKeywordKind(token.Kind()) || SyntaxFacts.IsContextualKeyword(token.Kind())) return "\u001b[34m";
        return token.Kind() switch
        {
            SyntaxKind.StringLiteralToken or SyntaxKind.CharacterLiteralToken or SyntaxKind.InterpolatedStringStartToken
                or SyntaxKind.InterpolatedStringEndToken or SyntaxKind.InterpolatedStringTextToken
                or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken => "\u001b[33m",
            SyntaxKind.NumericLiteralToken => "\u001b[36m",
            _ => null,
        };
    }
}
