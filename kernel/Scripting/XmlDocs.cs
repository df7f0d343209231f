using System.Globalization;
using System.Xml;
using Microsoft.CodeAnalysis;

namespace Ops.Kernel.Scripting;

/// <summary>
/// XML documentation of referenced assemblies for inspect (Roslyn's own provider lives in the
/// Workspaces package, which the kernel does not load). A package's documentation sits beside its
/// assembly; the runtime's own assemblies have none, so theirs comes from the reference pack the
/// SDK installs (packs/Microsoft.NETCore.App.Ref/VERSION/ref/netX.Y/*.xml). Files are read on first use.
/// </summary>
internal sealed class XmlDocs : DocumentationProvider
{
    private readonly string[] _paths;
    private readonly Lazy<Dictionary<string, string>> _members;

    private XmlDocs(string[] paths)
    {
        _paths = paths;
        _members = new(() => Load(paths));
    }

    /// <summary>The documentation of the assembly at <paramref name="assemblyPath"/>, or null when none is installed.</summary>
    public static XmlDocs? For(string assemblyPath)
    {
        var beside = Path.ChangeExtension(assemblyPath, ".xml");
        if (File.Exists(beside)) return new XmlDocs([beside]);
        var paths = ReferencePackFiles(assemblyPath);
        return paths.Length > 0 ? new XmlDocs(paths) : null;
    }

    /// <summary>
    /// The reference pack's files for a runtime assembly. System.Private.CoreLib is exposed through
    /// several reference assemblies (System.Runtime holds most of it), so it gets their files in turn.
    /// </summary>
    private static string[] ReferencePackFiles(string assemblyPath)
    {
        var runtimeDir = Path.GetDirectoryName(assemblyPath);
        if (runtimeDir is null || Path.GetDirectoryName(typeof(object).Assembly.Location) != runtimeDir) return [];
        var refDir = ReferencePackDirectory.Value;
        if (refDir is null) return [];
        var name = Path.GetFileNameWithoutExtension(assemblyPath);
        string[] names = name == "System.Private.CoreLib"
            ? ["System.Runtime", "System.Collections", "System.Threading", "System.Memory", "System.Runtime.InteropServices", "System.Threading.Thread"]
            : [name];
        return [.. names.Select(n => Path.Combine(refDir, n + ".xml")).Where(File.Exists)];
    }

    private static readonly Lazy<string?> ReferencePackDirectory = new(() =>
    {
        try
        {
            // DOTNET_ROOT/shared/Microsoft.NETCore.App/VERSION/System.Private.CoreLib.dll → DOTNET_ROOT/packs/Microsoft.NETCore.App.Ref
            var runtimeDir = new DirectoryInfo(Path.GetDirectoryName(typeof(object).Assembly.Location)!);
            var packs = Path.Combine(runtimeDir.Parent!.Parent!.Parent!.FullName, "packs", "Microsoft.NETCore.App.Ref");
            if (!Directory.Exists(packs)) return null;
            var major = Environment.Version.Major;
            var version = Directory.Exists(Path.Combine(packs, runtimeDir.Name)) ? runtimeDir.Name
                : Directory.GetDirectories(packs).Select(Path.GetFileName)
                    .Where(v => v!.StartsWith(major + ".", StringComparison.Ordinal)).OrderByDescending(v => Version.TryParse(v!.Split('-')[0], out var p) ? p : new Version()).FirstOrDefault();
            if (version is null) return null;
            var dir = Path.Combine(packs, version, "ref", $"net{major}.{Environment.Version.Minor}");
            return Directory.Exists(dir) ? dir : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NullReferenceException) { return null; }
    });

    private static Dictionary<string, string> Load(string[] paths)
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            try
            {
                // Streamed: System.Runtime.xml alone is 7 MB, and only each member's text is kept.
                using var reader = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
                reader.MoveToContent();
                while (!reader.EOF)
                {
                    if (reader.NodeType == XmlNodeType.Element && reader.Name == "member" && reader.GetAttribute("name") is { } name)
                        members.TryAdd(name, "<member>" + reader.ReadInnerXml() + "</member>");
                    else reader.Read();
                }
            }
            catch (Exception e) when (e is XmlException or IOException or UnauthorizedAccessException) { /* no documentation from this file */ }
        }
        return members;
    }

    protected override string? GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture, CancellationToken cancellationToken = default) =>
        _members.Value.TryGetValue(documentationMemberID, out var xml) ? xml : null;

    public override bool Equals(object? obj) => obj is XmlDocs other && other._paths.SequenceEqual(_paths);
    public override int GetHashCode() => _paths[0].GetHashCode(StringComparison.Ordinal);
}
