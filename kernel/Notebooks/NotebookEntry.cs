namespace Ops.Kernel.Notebooks;

/// <summary>One notebook of a command line (<see cref="Path"/> and its path under the argument), or why an argument gave none.</summary>
public sealed record NotebookEntry(string? Path, string? Relative, bool FromDirectory, string? Problem);
