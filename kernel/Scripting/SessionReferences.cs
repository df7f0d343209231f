using System.Reflection;
using Microsoft.CodeAnalysis;
using Ops.Display;

namespace Ops.Kernel.Scripting;

/// <summary>The assemblies and namespaces every session starts with: the framework's common ones and the ops library.</summary>
internal static class SessionReferences
{
    public static readonly IReadOnlyList<string> DefaultImports =
    [
        "System", "System.IO", "System.Linq", "System.Text", "System.Net", "System.Collections.Generic",
        "System.Threading", "System.Threading.Tasks",
    ];

    /// <summary>The default imports, every namespace of the ops library, then <paramref name="extra"/>.</summary>
    public static IEnumerable<string> Imports(IEnumerable<string> extra) =>
        DefaultImports.Concat(LibraryNamespaces.Value).Concat(extra).Distinct();

    /// <summary>The shared default references, then <paramref name="extra"/>.</summary>
    public static IEnumerable<MetadataReference> With(IEnumerable<Assembly> extra) => Shared.Value.Concat(extra.Select(Reference));

    private static readonly Lazy<string[]> LibraryNamespaces = new(() =>
        typeof(Table).Assembly.GetExportedTypes()
            .Select(t => t.Namespace)
            .Where(ns => ns != null && (ns == "Ops" || ns.StartsWith("Ops.", StringComparison.Ordinal)))
            .Distinct()
            .OrderBy(ns => ns, StringComparer.Ordinal)
            .ToArray()!);

    /// <summary>
    /// One set of reference objects for every session in the process: Roslyn keeps the symbols it
    /// reads from a reference with the reference, so sessions after the first (`ops run` of several
    /// notebooks) reuse them instead of reading the framework again.
    /// </summary>
    private static readonly Lazy<MetadataReference[]> Shared = new(() => Defaults().ToArray());

    private static IEnumerable<MetadataReference> Defaults()
    {
        var assemblies = new[]
        {
            typeof(object).Assembly, typeof(Enumerable).Assembly, typeof(List<>).Assembly, typeof(Console).Assembly,
            typeof(System.Text.RegularExpressions.Regex).Assembly, typeof(System.Net.Http.HttpClient).Assembly,
            typeof(System.Net.IPAddress).Assembly, typeof(System.Text.Json.JsonSerializer).Assembly,
            typeof(System.Collections.Concurrent.ConcurrentDictionary<,>).Assembly, typeof(System.Diagnostics.Process).Assembly,
            typeof(System.ComponentModel.Component).Assembly, typeof(System.Xml.Linq.XDocument).Assembly,
            typeof(System.Net.Sockets.Socket).Assembly, typeof(System.Linq.Expressions.Expression).Assembly,
            typeof(System.Runtime.CompilerServices.DynamicAttribute).Assembly, typeof(Uri).Assembly,
            typeof(System.Xml.XmlDocument).Assembly, typeof(System.Collections.Immutable.ImmutableArray).Assembly,
            typeof(System.Security.Cryptography.SHA256).Assembly, typeof(Microsoft.CSharp.RuntimeBinder.Binder).Assembly,
            typeof(Table).Assembly,
        };
        return assemblies.Distinct().Select(Reference);
    }

    /// <summary>A reference with its XML documentation (beside it, or from the reference pack), for inspect.</summary>
    private static MetadataReference Reference(Assembly assembly)
    {
        var path = assembly.Location;
        // Mapped, not read: MetadataReference.CreateFromFile copies the whole file into memory, and
        // framework assemblies carry their precompiled code (about 50 MB for the default set) while
        // the compiler only reads their metadata.
        var metadata = AssemblyMetadata.CreateFromStream(File.OpenRead(path), System.Reflection.PortableExecutable.PEStreamOptions.Default);
        return metadata.GetReference(documentation: XmlDocs.For(path), filePath: path);
    }
}
