namespace Ops.Kernel.Scripting.Packages;

/// <summary>A restored package and the files the session loads from it.</summary>
public sealed record ResolvedPackage(string Id, string Version, IReadOnlyList<string> Assemblies, IReadOnlyList<string> NativeLibraries);
