using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace Ops.Kernel.Scripting.Packages;

/// <summary>
/// The packages loaded into one session: one version per package id (a second version is an
/// error naming both, since the CLR cannot load both side by side here), their references for the
/// compiler, and their native libraries for the loader.
/// </summary>
internal sealed class SessionPackages(PackageRestorer restorer)
{
    private readonly Dictionary<string, ResolvedPackage> _loaded = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _sources = new();
    private static readonly Dictionary<string, string> NativeLibraries = new(StringComparer.Ordinal);
    private static int _resolverInstalled;

    /// <summary>Resolves the cell's directives; returns references new to the session.</summary>
    public async Task<IReadOnlyList<MetadataReference>> AddAsync(PackageDirectives directives, Action<string> progress, CancellationToken cancellationToken)
    {
        foreach (var source in directives.Sources)
            if (!_sources.Contains(source)) _sources.Add(source);
        var wanted = directives.Packages.Where(p => !_loaded.TryGetValue(p.Id, out var have) || !Satisfies(have, p)).ToList();
        foreach (var p in wanted)
            if (_loaded.TryGetValue(p.Id, out var have))
                throw new PackageException($"package {have.Id} {have.Version} is already loaded in this session; it cannot also be loaded at {p.VersionOrFloating}. " +
                                           "Use the loaded version, or restart the session to switch.");
        if (wanted.Count == 0) return Array.Empty<MetadataReference>();

        var resolved = await restorer.RestoreAsync(wanted, _sources, progress, cancellationToken).ConfigureAwait(false);
        var references = new List<MetadataReference>();
        foreach (var package in resolved)
        {
            if (_loaded.TryGetValue(package.Id, out var existing))
            {
                if (existing.Version != package.Version)
                    throw new PackageException($"package {package.Id} is already loaded at {existing.Version}; {string.Join(", ", wanted)} needs {package.Version}. Restart the session to switch.");
                continue;
            }
            _loaded[package.Id] = package;
            references.AddRange(package.Assemblies.Select(a => (MetadataReference)MetadataReference.CreateFromFile(a, documentation: XmlDocs.For(a))));
            foreach (var native in package.NativeLibraries) RegisterNative(native);
        }
        return references;
    }

    private static bool Satisfies(ResolvedPackage have, PackageRequest request) =>
        request.Version == null || request.Version.Contains('*') || string.Equals(have.Version, request.Version, StringComparison.OrdinalIgnoreCase);

    private static void RegisterNative(string path)
    {
        lock (NativeLibraries)
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (name.StartsWith("lib", StringComparison.Ordinal)) NativeLibraries.TryAdd(name[3..], path);
            NativeLibraries.TryAdd(name, path);
        }
        if (Interlocked.Exchange(ref _resolverInstalled, 1) == 1) return;
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += (Assembly _, string name) =>
        {
            string? found;
            lock (NativeLibraries) NativeLibraries.TryGetValue(Path.GetFileNameWithoutExtension(name), out found);
            return found != null && NativeLibrary.TryLoad(found, out var handle) ? handle : IntPtr.Zero;
        };
    }
}
