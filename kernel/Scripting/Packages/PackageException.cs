namespace Ops.Kernel.Scripting.Packages;

/// <summary>A package could not be resolved or loaded; the message says which and what to do.</summary>
public sealed class PackageException(string message) : Exception(message);
