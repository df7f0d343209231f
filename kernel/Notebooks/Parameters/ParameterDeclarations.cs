using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// Reads the typed defaults of a parameters cell with Roslyn's parser (never by running it):
/// <c>string controller = "wlc1";</c>, <c>var retries = 3;</c>, <c>TimeSpan window = TimeSpan.FromMinutes(5);</c>.
/// </summary>
public static class ParameterDeclarations
{
    private static readonly CSharpParseOptions Script = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <exception cref="ParameterException">A declaration's type is not one a parameter can have.</exception>
    public static IReadOnlyList<NotebookParameter> Parse(string code, string where)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, Script).GetRoot();
        var parameters = new List<NotebookParameter>();
        foreach (var member in root.Members)
        {
            VariableDeclarationSyntax? declaration = member switch
            {
                FieldDeclarationSyntax f => f.Declaration,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax l } => l.Declaration,
                _ => null,
            };
            if (declaration is null) continue;
            foreach (var variable in declaration.Variables)
            {
                var line = variable.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                var type = TypeOf(declaration.Type, variable.Initializer?.Value);
                if (type is null)
                {
                    throw new ParameterException(
                        $"{where}, line {line}: parameter `{variable.Identifier.Text}` is declared as `{declaration.Type}`" +
                        (declaration.Type.IsVar ? $" = {variable.Initializer?.Value}" : "") +
                        "; parameters must be string, bool, int, long, double, DateTime, TimeSpan or string[] (with `var`, give a literal).");
                }
                parameters.Add(new NotebookParameter(variable.Identifier.Text, type.Value, member.ToString().Trim(), line));
            }
        }
        return parameters;
    }

    private static ParameterType? TypeOf(TypeSyntax type, ExpressionSyntax? initializer)
    {
        if (type.IsVar) return initializer is null ? null : Infer(initializer);
        return type switch
        {
            PredefinedTypeSyntax p => p.Keyword.Kind() switch
            {
                SyntaxKind.StringKeyword => ParameterType.String,
                SyntaxKind.BoolKeyword => ParameterType.Bool,
                SyntaxKind.IntKeyword => ParameterType.Int,
                SyntaxKind.LongKeyword => ParameterType.Long,
                SyntaxKind.DoubleKeyword => ParameterType.Double,
                _ => null,
            },
            ArrayTypeSyntax { ElementType: PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.StringKeyword }, RankSpecifiers.Count: 1 } a
                when a.RankSpecifiers[0].Rank == 1 => ParameterType.StringArray,
            NullableTypeSyntax n => TypeOf(n.ElementType, initializer) is ParameterType.String ? ParameterType.String : null,
            _ => Named(type.ToString()),
        };
    }

    private static ParameterType? Named(string name) => name switch
    {
        "DateTime" or "System.DateTime" or "global::System.DateTime" => ParameterType.DateTime,
        "TimeSpan" or "System.TimeSpan" or "global::System.TimeSpan" => ParameterType.TimeSpan,
        "String" or "System.String" => ParameterType.String,
        "Boolean" or "System.Boolean" => ParameterType.Bool,
        "Int32" or "System.Int32" => ParameterType.Int,
        "Int64" or "System.Int64" => ParameterType.Long,
        "Double" or "System.Double" => ParameterType.Double,
        _ => null,
    };

    private static ParameterType? Infer(ExpressionSyntax e)
    {
        switch (e)
        {
            case LiteralExpressionSyntax literal:
                switch (literal.Kind())
                {
                    case SyntaxKind.StringLiteralExpression: return ParameterType.String;
                    case SyntaxKind.TrueLiteralExpression or SyntaxKind.FalseLiteralExpression: return ParameterType.Bool;
                    case SyntaxKind.NumericLiteralExpression:
                        return literal.Token.Value switch
                        {
                            int => ParameterType.Int,
                            long or uint or ulong => ParameterType.Long,
                            double => ParameterType.Double,
                            _ => null,
                        };
                    default: return null;
                }
            case PrefixUnaryExpressionSyntax { OperatorToken.RawKind: (int)SyntaxKind.MinusToken } negative:
                return Infer(negative.Operand);
            case InterpolatedStringExpressionSyntax: return ParameterType.String;
            case ImplicitArrayCreationExpressionSyntax implicitArray
                when implicitArray.Initializer.Expressions.Count > 0
                     && implicitArray.Initializer.Expressions.All(x => x.IsKind(SyntaxKind.StringLiteralExpression)):
                return ParameterType.StringArray;
            case ArrayCreationExpressionSyntax array:
                return array.Type.ElementType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.StringKeyword } ? ParameterType.StringArray : null;
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }:
                return Named(access.Expression.ToString());
            case ObjectCreationExpressionSyntax creation:
                return Named(creation.Type.ToString());
            case MemberAccessExpressionSyntax member:
                return Named(member.Expression.ToString());
            default:
                return null;
        }
    }
}
