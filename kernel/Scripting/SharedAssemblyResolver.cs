using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace Ops.Kernel.Scripting;

/// <summary>
/// The session's metadata resolver (#r paths, relative to the working directory) with the assemblies
/// Roslyn finds missing (System.Runtime, netstandard and the other facades the references point at)
/// resolved once per process. The scripting resolver reads each such file whole into native memory
/// for every new compilation chain, so every chain move (each 50 cells) cost about 5 MB that was never
/// given back: 120 MB over 300 trivial cells in the kernel. Shared, they are resolved once, and mapped.
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
        return Missing.GetOrAdd((referenceIdentity, beside), _ => Mapped(inner.ResolveMissingAssembly(definition, referenceIdentity)));
    }

    /// <summary>
    /// The same reference over the file mapped instead of copied: the scripting resolver copies each
    /// file whole into native memory (about 90 of them, 32 MB, for the first cell) while the compiler
    /// only reads their metadata.
    /// </summary>
    private static PortableExecutableReference? Mapped(PortableExecutableReference? copied)
    {
        if (copied?.FilePath is not { } path || !File.Exists(path)) return copied;
        var metadata = AssemblyMetadata.CreateFromStream(File.OpenRead(path), PEStreamOptions.Default);
        var mapped = metadata.GetReference(aliases: copied.Properties.Aliases, embedInteropTypes: copied.Properties.EmbedInteropTypes,
            filePath: path, display: copied.Display);
        copied.GetMetadata().Dispose();
        return mapped;
    }

    public override bool Equals(object? other) => other is SharedAssemblyResolver shared && inner.Equals(shared.Inner);

    public override int GetHashCode() => inner.GetHashCode();

    private ScriptMetadataResolver Inner => inner;
}
