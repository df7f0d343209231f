using System.Reflection;

namespace Ops.Kernel.Scripting;

/// <summary>How an engine session starts: where relative paths resolve, and what else it references.</summary>
public sealed class EngineOptions
{
    /// <summary>Base directory for <c>#r</c>, <c>#load</c> and relative paths in cells.</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Assemblies referenced in addition to the ops library.</summary>
    public IReadOnlyList<Assembly> References { get; init; } = Array.Empty<Assembly>();

    /// <summary>Where <c>#r "nuget:..."</c> keeps restored package lists; default: the user's ops cache (OPS_NUGET_CACHE overrides).</summary>
    public string? PackageCache { get; init; }

    /// <summary>Namespaces imported in addition to the defaults.</summary>
    public IReadOnlyList<string> Imports { get; init; } = Array.Empty<string>();
}
