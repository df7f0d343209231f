using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ops.Kernel.Scripting;

/// <summary>
/// .NET cannot abort a thread safely, so interrupt works by rewriting each submission: every loop
/// body and every lambda, anonymous method and local function starts with a check of the cell's
/// cancellation. Inserted code has no line breaks, so line numbers in errors and stack traces stay
/// those of the cell.
/// </summary>
internal sealed class CancellationRewriter(bool wrapExpressionLambdas) : CSharpSyntaxRewriter
{
    private static readonly StatementSyntax Check = SyntaxFactory.ParseStatement("global::Ops.Cancellation.ThrowIfRequested();");

    public static string Rewrite(SyntaxNode root, bool wrapExpressionLambdas) =>
        new CancellationRewriter(wrapExpressionLambdas).Visit(root).ToFullString();

    private static BlockSyntax Guard(StatementSyntax body)
    {
        if (body is BlockSyntax block)
            return block.WithStatements(block.Statements.Insert(0, Check));
        // Keep the original statement's trivia outside the new braces so lines do not move.
        return SyntaxFactory.Block(Check, body.WithoutTrivia())
            .WithLeadingTrivia(body.GetLeadingTrivia())
            .WithTrailingTrivia(body.GetTrailingTrivia());
    }

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        return visited.Body is { } body ? visited.WithBody(Guard(body)) : visited;
    }

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        return visited.Body is { } body ? visited.WithBody(Guard(body)) : visited;
    }

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        var visited = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
        return visited.WithBlock(Guard(visited.Block));
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        var visited = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        if (visited.Block is { } block) return visited.WithBlock(Guard(block));
        return visited.ExpressionBody is { } e && CanWrap(e) ? visited.WithExpressionBody(Wrap(e)) : visited;
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        var visited = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        if (visited.Block is { } block) return visited.WithBlock(Guard(block));
        return visited.ExpressionBody is { } e && CanWrap(e) ? visited.WithExpressionBody(Wrap(e)) : visited;
    }

    /// <summary>
    /// An expression-bodied lambda can only be wrapped when its body surely has a value of a type
    /// inferable on its own: calls and assignments may be void, null and target-typed forms have
    /// no type. When wrapping breaks compilation anyway, the engine retries without it.
    /// </summary>
    private bool CanWrap(ExpressionSyntax e) => wrapExpressionLambdas && e switch
    {
        InvocationExpressionSyntax or AssignmentExpressionSyntax or AwaitExpressionSyntax => false,
        LiteralExpressionSyntax l => !l.IsKind(SyntaxKind.NullLiteralExpression) && !l.IsKind(SyntaxKind.DefaultLiteralExpression),
        ThrowExpressionSyntax or ImplicitObjectCreationExpressionSyntax or CollectionExpressionSyntax => false,
        LambdaExpressionSyntax or AnonymousMethodExpressionSyntax or TupleExpressionSyntax => false,
        ConditionalExpressionSyntax or SwitchExpressionSyntax or RefExpressionSyntax => false,
        PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax => e.IsKind(SyntaxKind.LogicalNotExpression) || e.IsKind(SyntaxKind.UnaryMinusExpression),
        _ => true,
    };

    private static ExpressionSyntax Wrap(ExpressionSyntax e) =>
        SyntaxFactory.ParseExpression("global::Ops.Cancellation.Checked()")
            is InvocationExpressionSyntax call
            ? call.WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(e.WithoutTrivia()))))
                .WithLeadingTrivia(e.GetLeadingTrivia()).WithTrailingTrivia(e.GetTrailingTrivia())
            : e;
}

