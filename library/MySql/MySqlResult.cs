namespace Ops.MySql;

/// <summary>The outcome of one COM_QUERY: rows for a result set, or the OK counters for a statement.</summary>
public sealed record MySqlResult(
    IReadOnlyList<string> Columns,
    IReadOnlyList<string?[]> Rows,
    ulong AffectedRows,
    ushort Warnings,
    TimeSpan Elapsed)
{
    public bool HasRows => Rows.Count > 0;

    public int Ordinal(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (string.Equals(Columns[i], column, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>The first row's value of a column, or null when absent or NULL.</summary>
    public string? Scalar(string? column = null)
    {
        if (Rows.Count == 0) return null;
        var i = column is null ? 0 : Ordinal(column);
        return i < 0 ? null : Rows[0][i];
    }
}
