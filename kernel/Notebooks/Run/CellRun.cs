namespace Ops.Kernel.Notebooks;

/// <summary>What happened to one code cell in a run.</summary>
public sealed record CellRun(int Index, string? Id, CellStatus Status, TimeSpan Duration, string? ErrorName = null, string? ErrorMessage = null);

public enum CellStatus { Ok, Error, Timeout, Cancelled, Skipped }

/// <summary>The outcome of a run: the executed notebook (redacted unless turned off) and per-cell results.</summary>
public sealed record RunResult(Notebook Notebook, IReadOnlyList<CellRun> Cells, int Redactions)
{
    /// <summary>Secrets in code outside string literals and comments, left in the source (redacting them would break the code).</summary>
    public IReadOnlyList<NotebookRedaction.LeftSecret> LeftInSource { get; init; } = [];

    public bool Succeeded => FirstFailure is null;

    public CellRun? FirstFailure => Cells.FirstOrDefault(c => c.Status is CellStatus.Error or CellStatus.Timeout or CellStatus.Cancelled);
}
