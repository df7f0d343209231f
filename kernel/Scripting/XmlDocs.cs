using System.Globalization;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace Ops.Kernel.Scripting;

/// <summary>
/// XML documentation of a referenced assembly for inspect (Roslyn's own provider lives in the
/// Workspaces package, which the kernel does not load). Read on first use.
/// </summary>
internal sealed class XmlDocs(string path) : DocumentationProvider
{
    private readonly Lazy<Dictionary<string, string>> _members = new(() => Load(path));

    private static Dictionary<string, string> Load(string path)
    {
        try
        {
            return XDocument.Load(path).Descendants("member")
                .Where(m => m.Attribute("name") != null)
                .GroupBy(m => (string)m.Attribute("name")!)
                .ToDictionary(g => g.Key, g => "<member>" + string.Concat(g.First().Nodes()) + "</member>", StringComparer.Ordinal);
        }
        catch (Exception e) when (e is System.Xml.XmlException or IOException) { return new(); }
    }

    protected override string? GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture, CancellationToken cancellationToken = default) =>
        _members.Value.TryGetValue(documentationMemberID, out var xml) ? xml : null;

    public override bool Equals(object? obj) => obj is XmlDocs other && other._path == _path;
    public override int GetHashCode() => _path.GetHashCode(StringComparison.Ordinal);
    private readonly string _path = path;
}
