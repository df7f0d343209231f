namespace Ops.Kernel.Notebooks;

/// <summary>One code cell's verdict: matched, or why not (with a diff of stored vs. actual outputs).</summary>
public sealed record CellVerdict(int Index, string? Id, string FirstLine, bool Passed, string? Reason = null, string? Diff = null, bool Skipped = false);

public sealed record VerifyResult(string Path, IReadOnlyList<CellVerdict> Cells, string? Note = null)
{
    public bool Passed => Cells.All(c => c.Passed);
    public int Failures => Cells.Count(c => !c.Passed);
}
