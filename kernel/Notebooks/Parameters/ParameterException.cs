namespace Ops.Kernel.Notebooks;

/// <summary>Parameters that cannot be applied (unknown name, unconvertible value): reported before any cell runs.</summary>
public sealed class ParameterException(string message) : Exception(message);
