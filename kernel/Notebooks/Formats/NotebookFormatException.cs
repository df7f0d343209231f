namespace Ops.Kernel.Notebooks;

/// <summary>A notebook file that cannot be read: names the file and, where known, the cell.</summary>
public sealed class NotebookFormatException(string path, int? cellIndex, string? cellId, string problem)
    : Exception(Describe(path, cellIndex, cellId, problem))
{
    public string Path { get; } = path;
    public int? CellIndex { get; } = cellIndex;

    private static string Describe(string path, int? cellIndex, string? cellId, string problem) =>
        cellIndex is null
            ? $"{path}: {problem}"
            : $"{path}: cell {cellIndex + 1}{(cellId is null ? "" : $" (id {cellId})")}: {problem}";
}
