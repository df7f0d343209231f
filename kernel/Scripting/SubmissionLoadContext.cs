using System.Reflection;
using System.Runtime.Loader;

namespace Ops.Kernel.Scripting;

/// <summary>
/// The collectible load context of one submission chain. A cell's assembly refers to the earlier
/// cells of its chain by name; the runtime finds those among the assemblies already loaded here,
/// or in the chain this one continues from (<paramref name="basis"/>, cells that declared types).
/// <c>#r</c> and NuGet assemblies come from the session's <see cref="ReferenceLoadContext"/>,
/// everything else from the default context.
/// </summary>
/// <remarks>
/// The context must not hold its own assemblies: while unloading, the runtime keeps the context
/// alive until its assemblies are collected, so such a reference would keep the chain forever.
/// </remarks>
internal sealed class SubmissionLoadContext(ReferenceLoadContext references, SubmissionLoadContext? basis)
    : AssemblyLoadContext("ops submissions", isCollectible: true)
{
    public Assembly Add(Stream pe, Stream pdb) => LoadFromStream(pe, pdb);

    protected override Assembly? Load(AssemblyName assemblyName) => basis?.Find(assemblyName.Name) ?? references.Resolve(assemblyName);

    private Assembly? Find(string? name) =>
        Assemblies.FirstOrDefault(a => a.GetName().Name == name) ?? basis?.Find(name);
}
