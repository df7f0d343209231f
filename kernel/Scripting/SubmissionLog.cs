using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ops.Kernel.Scripting;

/// <summary>
/// What a rebased session must declare again: the using directives, <c>#r</c> references and
/// methods of every cell so far. A cell that declares types (or <c>#load</c>s a file, which may)
/// cannot be declared again, since values of the old types could not be carried over: it stays
/// in the session as part of the base every new chain continues from.
/// </summary>
internal sealed class SubmissionLog
{
    private readonly List<string> _references = new();
    private readonly List<string> _usings = new();
    private readonly Dictionary<string, string> _members = new(StringComparer.Ordinal);
    private readonly List<string> _memberOrder = new();

    public int SinceBase { get; set; }

    /// <summary>
    /// Whether the cell declares types, delegates or events (or <c>#load</c>s a file, which may): it
    /// will become part of the base.
    /// </summary>
    public static bool DeclaresTypes(CompilationUnitSyntax root) =>
        root.GetLoadDirectives().Count > 0
        || root.Members.Any(m => m is not (GlobalStatementSyntax or MethodDeclarationSyntax or PropertyDeclarationSyntax or FieldDeclarationSyntax));

    /// <summary>Notes what the cell declared; true when the cell must stay in the session's base.</summary>
    public bool Record(CompilationUnitSyntax root)
    {
        SinceBase++;
        foreach (var directive in root.GetReferenceDirectives())
            Add(_references, directive.ToString().Trim());
        foreach (var u in root.Usings) Add(_usings, u.ToString().Trim());
        foreach (var member in root.Members)
        {
            switch (member)
            {
                case GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax f }:
                    Keep(f.Identifier.Text + f.ParameterList, f.ToString());
                    break;
                case MethodDeclarationSyntax m:
                    Keep(m.Identifier.Text + m.ParameterList, m.ToString());
                    break;
                case PropertyDeclarationSyntax p:
                    Keep(p.Identifier.Text, p.ToString());
                    break;
            }
        }
        return DeclaresTypes(root);
    }

    private static void Add(List<string> list, string text)
    {
        if (!list.Contains(text)) list.Add(text);
    }

    private void Keep(string key, string text)
    {
        if (!_members.ContainsKey(key)) _memberOrder.Add(key);
        _members[key] = text;
    }

    /// <summary>The first submission of the new chain: directives, usings, the carried variables, then the methods.</summary>
    public string Prelude(IEnumerable<(string Name, string Type)> variables, string carryId) =>
        string.Join("\n", _references.Concat(_usings)
            .Concat(variables.Select(v => $"{v.Type} @{v.Name} = __carried<{v.Type}>(\"{carryId}\", \"{v.Name}\");"))
            .Concat(_memberOrder.Select(k => _members[k])));
}
