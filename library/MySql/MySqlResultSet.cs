using Ops.Display;

namespace Ops.MySql;

/// <summary>
/// One result set of a statement: typed values per row (<c>byte[]</c> for binary columns, <c>ulong</c>
/// for BIT, <c>DateTime</c>, <c>TimeSpan</c>, <c>decimal</c>, ...; <c>MySqlDateTime</c> for zero
/// dates; null for NULL). Displays as a table.
/// </summary>
public sealed class MySqlResultSet(IReadOnlyList<MySqlColumn> columns, IReadOnlyList<object?[]> rows) : IMimeRenderable
{
    /// <summary>Rows a displayed table shows; the rest are counted.</summary>
    public const int ShownRows = 100;

    public IReadOnlyList<MySqlColumn> Columns { get; } = columns;
    public IReadOnlyList<object?[]> Rows { get; } = rows;

    /// <summary>Index of a column by name (case-insensitive), -1 when absent.</summary>
    public int Ordinal(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (string.Equals(Columns[i].Name, column, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>A cell as the mysql client prints it (see <see cref="MySqlValueText"/>); null for NULL or an unknown column.</summary>
    public string? Text(int row, string column) => Ordinal(column) is var i and >= 0 ? Text(row, i) : null;

    public string? Text(int row, int column) => MySqlValueText.Format(Rows[row][column], Columns[column]);

    public Table ToTable()
    {
        var table = new Table(Columns.Select(c => new TableColumn(c.Name, Table.IsNumeric(c.ClrType) ? Alignment.Right : Alignment.Left)))
        {
            MaxRows = ShownRows,
        };
        for (var r = 0; r < Rows.Count; r++)
        {
            var cells = new object?[Columns.Count];
            for (var c = 0; c < cells.Length; c++)
                cells[c] = Rows[r][c] is { } v && Table.IsNumeric(v.GetType()) ? v : Text(r, c) ?? "NULL";
            table.AddRow(cells);
        }
        return table;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();

    public override string ToString() => ToTable().ToPlainText();
}
