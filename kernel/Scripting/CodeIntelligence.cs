using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ops.Kernel.Scripting;

/// <summary>
/// Completion, inspection and completeness from Roslyn's semantic model of the code as a
/// continuation of the session, so variables from earlier cells are in scope.
/// </summary>
internal static class CodeIntelligence
{
    public static CompletionResult Complete(SemanticModel model, string code, int cursor)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var start = cursor;
        while (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] == '_')) start--;
        var prefix = code[start..cursor];
        var tree = model.SyntaxTree;
        IEnumerable<ISymbol> symbols;

        var dot = start - 1;
        while (dot >= 0 && char.IsWhiteSpace(code[dot])) dot--;
        if (dot >= 0 && code[dot] == '.' )
        {
            var token = tree.GetRoot().FindToken(dot);
            var container = ContainerOf(model, token.Parent);
            if (container == null) return new CompletionResult(Array.Empty<string>(), start, cursor);
            symbols = container is ITypeSymbol type && token.Parent is MemberAccessExpressionSyntax ma && !IsTypeOrNamespace(model, ma.Expression)
                ? model.LookupSymbols(dot + 1, type, includeReducedExtensionMethods: true).Where(s => !s.IsStatic || s is INamedTypeSymbol)
                : model.LookupSymbols(dot + 1, container as INamespaceOrTypeSymbol).Where(s => s.IsStatic || s is INamespaceOrTypeSymbol);
        }
        else
        {
            symbols = model.LookupSymbols(start);
        }

        var matches = symbols
            .Where(s => s.CanBeReferencedByName && !s.IsImplicitlyDeclared && !s.Name.StartsWith("__", StringComparison.Ordinal))
            .Select(s => s.Name)
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n.StartsWith(prefix, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(n => n, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (dot < 0 || code[dot] != '.')
            matches.AddRange(Keywords.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && prefix.Length > 0 && !matches.Contains(k)));
        return new CompletionResult(matches, start, cursor);
    }

    private static bool IsTypeOrNamespace(SemanticModel model, ExpressionSyntax expression) =>
        model.GetSymbolInfo(expression).Symbol is INamespaceOrTypeSymbol;

    private static INamespaceOrTypeSymbol? ContainerOf(SemanticModel model, SyntaxNode? node)
    {
        ExpressionSyntax? left = node switch
        {
            MemberAccessExpressionSyntax ma => ma.Expression,
            QualifiedNameSyntax qn => qn.Left,
            _ => null,
        };
        if (left == null) return null;
        var symbol = model.GetSymbolInfo(left).Symbol;
        if (symbol is INamespaceOrTypeSymbol nt) return nt;
        return model.GetTypeInfo(left).Type;
    }

    public static InspectionResult? Inspect(SemanticModel model, string code, int cursor)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var root = model.SyntaxTree.GetRoot();
        var position = cursor > 0 && (cursor == code.Length || !char.IsLetterOrDigit(code[cursor])) ? cursor - 1 : cursor;
        var token = root.FindToken(position);
        var node = token.Parent;
        ISymbol? symbol = null;
        for (var n = node; n != null && symbol == null; n = n.Parent)
        {
            var info = model.GetSymbolInfo(n);
            symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault() ?? model.GetDeclaredSymbol(n);
            if (n is StatementSyntax) break;
        }
        if (symbol == null) return null;
        var signature = symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
        var text = string.Join("\n\n", Overloads(symbol).Select(Describe));
        return new InspectionResult(signature, text);
    }

    /// <summary>At most this many overloads are described (Console.WriteLine has 18).</summary>
    private const int MaxOverloads = 40;

    /// <summary>The symbol and, for a method, every overload of its name in the same type (extension methods: in their static class).</summary>
    private static IEnumerable<ISymbol> Overloads(ISymbol symbol)
    {
        if (symbol is not IMethodSymbol method || method.MethodKind is not (MethodKind.Ordinary or MethodKind.ReducedExtension or MethodKind.Constructor))
            return [symbol];
        var definition = method.ReducedFrom ?? method.OriginalDefinition;
        var overloads = definition.ContainingType.GetMembers(definition.Name).OfType<IMethodSymbol>()
            .Where(m => m.DeclaredAccessibility == Accessibility.Public || SymbolEqualityComparer.Default.Equals(m, definition))
            .OrderBy(m => SymbolEqualityComparer.Default.Equals(m, definition) ? 0 : 1)
            .ThenBy(m => m.Parameters.Length)
            .Cast<ISymbol>().Take(MaxOverloads).ToList();
        return overloads.Count > 0 ? overloads : [symbol];
    }

    private static string Describe(ISymbol symbol)
    {
        var signature = symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
        var kind = symbol.Kind.ToString().ToLowerInvariant();
        var summary = Summary(symbol);
        return $"{kind} {signature}" + (symbol is ILocalSymbol l ? $" : {l.Type.ToDisplayString()}" : "")
            + (symbol is IFieldSymbol f ? $" : {f.Type.ToDisplayString()}" : "")
            + (symbol is IPropertySymbol p ? $" : {p.Type.ToDisplayString()}" : "")
            + (summary.Length > 0 ? "\n    " + summary : "");
    }

    private static string Summary(ISymbol symbol)
    {
        var xml = symbol.GetDocumentationCommentXml(expandIncludes: false);
        if (string.IsNullOrWhiteSpace(xml) && symbol is IMethodSymbol { ReducedFrom: { } reduced }) xml = reduced.GetDocumentationCommentXml();
        if (string.IsNullOrWhiteSpace(xml)) return "";
        try
        {
            var doc = XElement.Parse(xml);
            var summary = doc.Element("summary");
            if (summary == null) return "";
            foreach (var see in summary.Descendants().Where(e => e.Name == "see" || e.Name == "paramref" || e.Name == "typeparamref").ToList())
            {
                var target = (string?)see.Attribute("cref") ?? (string?)see.Attribute("name") ?? (string?)see.Attribute("langword") ?? "";
                see.ReplaceWith(target.Contains(':') ? target[(target.IndexOf(':') + 1)..] : target);
            }
            return string.Join(" ", summary.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
        catch (System.Xml.XmlException) { return ""; }
    }

    /// <summary>
    /// Jupyter's is_complete: invalid when no added lines can make the code valid (an error before
    /// its last token, or a token the parser had to skip: <c>}</c>, <c>var x = 1);</c>, <c>1 2</c>),
    /// incomplete while something is still open (<c>if (x) {</c>, a verbatim string, a comment),
    /// else complete.
    /// </summary>
    public static Completeness IsComplete(string code, CSharpParseOptions options)
    {
        if (string.IsNullOrWhiteSpace(code)) return Completeness.Complete;
        var tree = CSharpSyntaxTree.ParseText(code, options);
        var root = tree.GetRoot();
        if (root.DescendantTrivia(descendIntoTrivia: true).Any(t => t.IsKind(SyntaxKind.SkippedTokensTrivia)))
            return Completeness.Invalid;
        var lastTokenEnd = root.GetLastToken(includeZeroWidth: false).Span.End;
        var fixedError = tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error
            && d.Location.SourceSpan.Start < lastTokenEnd && !StillOpen.Contains(d.Id));
        if (fixedError) return Completeness.Invalid;
        if (SyntaxFactory.IsCompleteSubmission(tree)) return Completeness.Complete;
        var depth = root.DescendantTokens().Where(t => !t.IsMissing).Sum(t => t.Kind() switch
        {
            SyntaxKind.OpenBraceToken or SyntaxKind.OpenParenToken or SyntaxKind.OpenBracketToken => 1,
            SyntaxKind.CloseBraceToken or SyntaxKind.CloseParenToken or SyntaxKind.CloseBracketToken => -1,
            _ => 0,
        });
        return Completeness.Incomplete(new string(' ', 4 * Math.Max(0, depth)));
    }

    /// <summary>Errors reported where a construct starts that more lines can still close: comments, verbatim and raw strings.</summary>
    private static readonly HashSet<string> StillOpen = ["CS1035", "CS1039", "CS8997", "CS1027"];

    private static readonly string[] Keywords =
    [
        "abstract", "as", "async", "await", "base", "bool", "break", "byte", "case", "catch", "char", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "false", "finally", "float", "for",
        "foreach", "if", "in", "int", "interface", "is", "long", "nameof", "new", "null", "object", "out", "override",
        "params", "private", "public", "record", "ref", "return", "static", "string", "struct", "switch", "this", "throw",
        "true", "try", "typeof", "using", "var", "void", "while", "yield",
    ];
}
