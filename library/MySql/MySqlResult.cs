using Ops.Display;

namespace Ops.MySql;

/// <summary>
/// What one command returned: every result set (several statements, a procedure's SELECTs), the
/// rows changed and the time taken. The first result set is also reachable directly
/// (<see cref="Rows"/>, <see cref="Scalar"/>). Displays as one table per result set.
/// </summary>
public sealed class MySqlResult(IReadOnlyList<MySqlResultSet> resultSets, long affectedRows, TimeSpan elapsed) : IMimeRenderable
{
    public IReadOnlyList<MySqlResultSet> ResultSets { get; } = resultSets;
    /// <summary>Rows changed by INSERT/UPDATE/DELETE over all statements; 0 for SELECT only (-1 from the driver is reported as 0).</summary>
    public long AffectedRows { get; } = Math.Max(0, affectedRows);
    public TimeSpan Elapsed { get; } = elapsed;

    private MySqlResultSet? First => ResultSets.Count > 0 ? ResultSets[0] : null;
    public IReadOnlyList<MySqlColumn> Columns => First?.Columns ?? [];
    public IReadOnlyList<object?[]> Rows => First?.Rows ?? [];
    public bool HasRows => Rows.Count > 0;

    public int Ordinal(string column) => First?.Ordinal(column) ?? -1;

    /// <summary>The first row's value of a column (the first column by default); null when absent or NULL.</summary>
    public object? Scalar(string? column = null)
    {
        if (Rows.Count == 0) return null;
        var i = column is null ? 0 : Ordinal(column);
        return i < 0 ? null : Rows[0][i];
    }

    /// <summary>A cell of the first result set as the mysql client prints it.</summary>
    public string? Text(int row, string column) => First?.Text(row, column);

    public string? Text(int row, int column) => First?.Text(row, column);

    public MimeBundle ToMimeBundle()
    {
        if (ResultSets.Count == 1) return ResultSets[0].ToMimeBundle();
        var tables = ResultSets.Select((set, i) => { var t = set.ToTable(); t.Title = $"result {i + 1}"; return t; }).ToList();
        var summary = $"{AffectedRows} row(s) affected";
        if (tables.Count == 0) return new MimeBundle(summary);
        return new MimeBundle(string.Join("\n\n", tables.Select(t => t.ToPlainText())))
            .With(MimeTypes.Html, string.Concat(tables.Select(t => t.ToHtml())));
    }

    public override string ToString() => ToMimeBundle().PlainText;
}
