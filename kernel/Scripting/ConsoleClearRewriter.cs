using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ops.Kernel.Scripting;

/// <summary>
/// <c>Console.Clear()</c> in a cell clears the cell's output, as <c>ClearOutput()</c> does: the
/// runtime's own Console.Clear writes to the terminal, which a kernel does not have, so the call is
/// rewritten (syntactically: calls inside referenced libraries are not).
/// </summary>
internal sealed class ConsoleClearRewriter : CSharpSyntaxRewriter
{
    private static readonly ExpressionSyntax ClearOutput =
        SyntaxFactory.ParseExpression("global::Ops.Display.DisplayContext.Current.ClearOutput");

    public static CompilationUnitSyntax Rewrite(CompilationUnitSyntax root) =>
        root.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(IsConsoleClear)
            ? (CompilationUnitSyntax)new ConsoleClearRewriter().Visit(root)
            : root;

    public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        if (!IsConsoleClear(node)) return visited;
        var wait = SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression));
        return visited.WithExpression(ClearOutput.WithTriviaFrom(visited.Expression))
            .WithArgumentList(visited.ArgumentList.WithArguments(SyntaxFactory.SingletonSeparatedList(wait)));
    }

    private static bool IsConsoleClear(InvocationExpressionSyntax node) =>
        node.ArgumentList.Arguments.Count == 0
        && node.Expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "Clear" } access
        && access.Expression.ToString().Replace(" ", "") is "Console" or "System.Console" or "global::System.Console";
}
