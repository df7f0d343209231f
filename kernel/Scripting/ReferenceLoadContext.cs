using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace Ops.Kernel.Scripting;

/// <summary>
/// Where a session's <c>#r "path.dll"</c> and NuGet assemblies load: one context that lives as
/// long as the session, so their types stay the same when the session moves to a new submission
/// chain. Assemblies the platform or the ops program already has come from the default context.
/// </summary>
internal sealed class ReferenceLoadContext() : AssemblyLoadContext("ops #r references")
{
    private static readonly Lazy<HashSet<string>> PlatformNames = new(() => PlatformAssemblies.Names(_ => true));

    private readonly Dictionary<string, string> _paths = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Assembly> _loaded = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Notes where the compilation found each referenced assembly the platform lacks.</summary>
    public void Register(Compilation compilation)
    {
        foreach (var reference in compilation.References)
        {
            if (reference is not PortableExecutableReference { FilePath: { } path }) continue;
            lock (_paths)
            {
                if (!_seen.Add(path)) continue;
                if (PlatformNames.Value.Contains(Path.GetFileNameWithoutExtension(path))) continue;
                if (compilation.GetAssemblyOrModuleSymbol(reference) is IAssemblySymbol symbol)
                    _paths.TryAdd(symbol.Identity.Name, path);
            }
        }
    }

    /// <summary>The assembly for a name a submission or a referenced assembly asks for, or null for the default context.</summary>
    public Assembly? Resolve(AssemblyName name)
    {
        if (name.Name == null || PlatformNames.Value.Contains(name.Name)) return null;
        lock (_paths)
        {
            if (_loaded.TryGetValue(name.Name, out var assembly)) return assembly;
            var path = _paths.GetValueOrDefault(name.Name) ?? BesideLoaded(name.Name);
            if (path == null) return null;
            assembly = LoadFromAssemblyPath(path);
            _loaded[name.Name] = assembly;
            return assembly;
        }
    }

    /// <summary>A dependency nobody referenced explicitly: look next to the assemblies already loaded.</summary>
    private string? BesideLoaded(string name) =>
        _paths.Values.Select(Path.GetDirectoryName).Distinct()
            .Select(dir => Path.Combine(dir!, name + ".dll"))
            .FirstOrDefault(File.Exists);

    protected override Assembly? Load(AssemblyName assemblyName) => Resolve(assemblyName);
}
