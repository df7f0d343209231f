using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ops.Kernel.Scripting;

/// <summary>
/// .NET cannot abort a thread safely, so interrupt works by rewriting each submission: every loop
/// body, every <c>goto</c> (the loops written with labels, including those that swallow the
/// cancellation in a <c>catch</c> and jump back), and every method, local function, accessor, lambda
/// and anonymous method (block or expression bodied) starts with a check of the cell's cancellation;
/// a LINQ operator given a method group (<c>.Select(Compute)</c>, <c>.Where(char.IsDigit)</c>) runs over
/// a sequence that checks on every element. Inserted code has no line breaks, so line numbers in
/// errors and stack traces stay those of the cell.
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

    // A goto may close a loop; the check runs before the jump, outside any try that swallowed it.
    public override SyntaxNode? VisitGotoStatement(GotoStatementSyntax node) => Guard((StatementSyntax)base.VisitGotoStatement(node)!);

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
        if (visited.Body is { } body) return visited.WithBody(Guard(body));
        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Block(arrow, visited.ReturnType, visited.Modifiers, visited.SemicolonToken))
            : visited;
    }

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        if (visited.Body is { } body) return visited.WithBody(Guard(body));
        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Block(arrow, visited.ReturnType, visited.Modifiers, visited.SemicolonToken))
            : visited;
    }

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        var visited = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        return visited.Body is { } body ? visited.WithBody(Guard(body)) : visited;
    }

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
    {
        var visited = (ConstructorDeclarationSyntax)base.VisitConstructorDeclaration(node)!;
        return visited.Body is { } body ? visited.WithBody(Guard(body)) : visited;
    }

    /// <summary>
    /// <c>=> e;</c> as a block with the check: <c>{ check; return e; }</c>, or <c>{ check; e; }</c> when
    /// nothing is returned (void, or async Task/ValueTask). The block stays on the arrow's lines.
    /// </summary>
    private static BlockSyntax Block(ArrowExpressionClauseSyntax arrow, TypeSyntax returnType, SyntaxTokenList modifiers, SyntaxToken semicolon)
    {
        var isAsync = modifiers.Any(m => m.IsKind(SyntaxKind.AsyncKeyword));
        var type = returnType.ToString().Trim();
        var returnsNothing = type == "void" || (isAsync && type is "Task" or "ValueTask" or "System.Threading.Tasks.Task" or "System.Threading.Tasks.ValueTask");
        var expression = arrow.Expression.WithoutTrivia();
        StatementSyntax statement = returnsNothing
            ? SyntaxFactory.ExpressionStatement(expression)
            : SyntaxFactory.ReturnStatement(expression.WithLeadingTrivia(SyntaxFactory.Space));
        return SyntaxFactory.Block(Check, statement)
            .WithLeadingTrivia(arrow.GetLeadingTrivia())
            .WithTrailingTrivia(arrow.GetTrailingTrivia().AddRange(semicolon.TrailingTrivia));
    }

    private static readonly HashSet<string> DelegateTakingOperators = new(StringComparer.Ordinal)
    {
        "Select", "SelectMany", "Where", "Aggregate", "Any", "All", "Count", "LongCount", "First", "FirstOrDefault", "Last",
        "LastOrDefault", "Single", "SingleOrDefault", "Sum", "Min", "Max", "Average", "MinBy", "MaxBy", "OrderBy",
        "OrderByDescending", "GroupBy", "ToDictionary", "ToLookup", "SkipWhile", "TakeWhile",
        "DistinctBy", "Zip", "Join", "GroupJoin", "CountBy", "AggregateBy", "Index",
    };

    /// <summary>
    /// <c>source.Select(Compute)</c>: a method group has no body to check, and the operator runs it
    /// for ever over an endless source; the source becomes a sequence that checks on every element.
    /// Lambdas are checked by their own rewrite, so only calls with a method group argument change.
    /// </summary>
    public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        if (visited.Expression is not MemberAccessExpressionSyntax { Name: var name } access
            || !DelegateTakingOperators.Contains(name.Identifier.ValueText)
            || !visited.ArgumentList.Arguments.Any(a => a.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax && a.RefKindKeyword.IsKind(SyntaxKind.None) && a.NameColon is null))
            return visited;
        var source = access.Expression;
        var guarded = SyntaxFactory.ParseExpression("global::Ops.Cancellation.CheckedSequence()") is InvocationExpressionSyntax call
            ? call.WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(source.WithoutTrivia()))))
                .WithLeadingTrivia(source.GetLeadingTrivia()).WithTrailingTrivia(source.GetTrailingTrivia())
            : source;
        return visited.WithExpression(access.WithExpression(guarded));
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

