using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace Ops.Kernel.Scripting;

/// <summary>
/// The session's metadata resolver (#r paths, relative to the working directory) with the assemblies
/// Roslyn finds missing (System.Runtime, netstandard and the other facades the references point at)
/// resolved once per process. The scripting resolver reads each such file whole into native memory
/// for every new compilation chain, so every chain move (each 50 cells) cost about 5 MB that was never
/// given back: 120 MB over 300 trivial cells in the kernel. Shared, they are read once.
/// </summary>
internal sealed class SharedAssemblyResolver(ScriptMetadataResolver inner) : MetadataReferenceResolver
{
    private static readonly ConcurrentDictionary<(AssemblyIdentity Identity, string? Beside), PortableExecutableReference?> Missing = new();

    public override bool ResolveMissingAssemblies => inner.ResolveMissingAssemblies;

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties) =>
        inner.ResolveReference(reference, baseFilePath, properties);

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity)
    {
        // Where the requesting assembly lives takes part in the answer (a package's dependency is looked for beside it).
        var beside = Path.GetDirectoryName((definition as PortableExecutableReference)?.FilePath);
        return Missing.GetOrAdd((referenceIdentity, beside), _ => inner.ResolveMissingAssembly(definition, referenceIdentity));
    }

    public override bool Equals(object? other) => other is SharedAssemblyResolver shared && inner.Equals(shared.Inner);

    public override int GetHashCode() => inner.GetHashCode();

    private ScriptMetadataResolver Inner => inner;
}
