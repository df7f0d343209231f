using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ops.Display;

/// <summary>
/// Rows and columns rendered as aligned text (wlap's layout), escaped HTML and JSON.
/// Cells may be any value; <see cref="Bar"/> cells draw a percentage bar.
/// </summary>
public sealed class Table : IMimeRenderable
{
    private readonly List<TableColumn> _columns;
    private readonly List<object?[]> _rows = new();

    public Table(params string[] columns) : this(columns.Select(c => new TableColumn(c))) { }

    public Table(IEnumerable<TableColumn> columns)
    {
        _columns = columns.ToList();
        if (_columns.Count == 0) throw new ArgumentException("a table needs at least one column", nameof(columns));
    }

    public IReadOnlyList<TableColumn> Columns => _columns;
    public IReadOnlyList<IReadOnlyList<object?>> Rows => _rows;

    /// <summary>Optional caption shown above the table.</summary>
    public string? Title { get; set; }

    /// <summary>Rows shown at most; the rest are summarised as "N more rows". Null shows all.</summary>
    public int? MaxRows { get; set; }

    /// <summary>Optional line shown under the table (escaped in HTML), e.g. rows left out by the producer.</summary>
    public string? Note { get; set; }

    public Table AddRow(params object?[] cells)
    {
        if (cells.Length != _columns.Count)
            throw new ArgumentException(
                $"row {_rows.Count + 1} has {cells.Length} cells but the table has {_columns.Count} columns ({string.Join(", ", _columns.Select(c => c.Name))})",
                nameof(cells));
        _rows.Add(cells);
        return this;
    }

    /// <summary>A table with one column per public readable property (or field) of <typeparamref name="T"/>.</summary>
    public static Table From<T>(IEnumerable<T> items, int maxRows = 100) => FromObjects(items.Cast<object?>(), typeof(T), maxRows);

    /// <summary>
    /// A table of objects, columns from the public properties of <paramref name="elementType"/>.
    /// Single values (numbers, strings, dates) and nested sequences get one <c>value</c> column.
    /// </summary>
    public static Table FromObjects(IEnumerable<object?> items, Type elementType, int maxRows = 100)
    {
        var props = TypeShape.IsScalar(elementType) || typeof(System.Collections.IEnumerable).IsAssignableFrom(elementType)
            ? Array.Empty<TypeShape.DisplayMember>()
            : TypeShape.Members(elementType);
        if (props.Length == 0)
        {
            var single = new Table(new[] { new TableColumn("value", IsNumeric(elementType) ? Alignment.Right : Alignment.Left) }) { MaxRows = maxRows };
            foreach (var item in items) single.AddRow(item);
            return single;
        }
        var table = new Table(props.Select(p => new TableColumn(p.Name, IsNumeric(p.Type) ? Alignment.Right : Alignment.Left)))
        { MaxRows = maxRows };
        foreach (var item in items)
            table.AddRow(props.Select(p => item is null ? null : TypeShape.SafeGet(p, item)).ToArray());
        return table;
    }

    /// <summary>
    /// A table of ready rows whose column types are only known from the values (dictionaries):
    /// a column whose values are all numbers is right-aligned.
    /// </summary>
    internal static Table FromRows(IReadOnlyList<string> names, IReadOnlyList<object?[]> rows)
    {
        var columns = names.Select((name, i) =>
        {
            var values = rows.Select(r => r[i]).Where(v => v != null).ToList();
            var numeric = values.Count > 0 && values.All(v => IsNumeric(v!.GetType()));
            return new TableColumn(name, numeric ? Alignment.Right : Alignment.Left);
        });
        var table = new Table(columns);
        foreach (var row in rows) table.AddRow(row);
        return table;
    }

    internal static bool IsNumeric(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(float) || t == typeof(decimal)
            || t == typeof(short) || t == typeof(uint) || t == typeof(ulong) || t == typeof(byte) || t == typeof(ushort)
            || t == typeof(Bar);
    }

    private IEnumerable<object?[]> ShownRows => MaxRows is int max ? _rows.Take(max) : _rows;
    private int HiddenRows => MaxRows is int max ? Math.Max(0, _rows.Count - max) : 0;

    public MimeBundle ToMimeBundle() =>
        new MimeBundle(ToPlainText()).With(MimeTypes.Html, ToHtml()).With(MimeTypes.Json, ToJson());

    public override string ToString() => ToPlainText();

    public string ToPlainText()
    {
        var shown = ShownRows.Select(r => r.Select(CellText).ToArray()).ToList();
        var widths = _columns.Select((c, i) => Math.Max(TextWidth.Of(c.Name), shown.Count == 0 ? 0 : shown.Max(r => TextWidth.Of(r[i])))).ToArray();
        var sb = new StringBuilder();
        if (Title != null) sb.Append(Title).Append('\n');
        AppendLine(sb, _columns.Select(c => c.Name).ToArray(), widths, _columns.Select(_ => Alignment.Left).ToArray());
        var aligns = _columns.Select(c => c.Align).ToArray();
        foreach (var row in shown) AppendLine(sb, row, widths, aligns);
        if (HiddenRows > 0) sb.Append(HiddenRows.ToString(CultureInfo.InvariantCulture)).Append(" more rows\n");
        if (Note != null) sb.Append(Note).Append('\n');
        return sb.ToString().TrimEnd('\n');
    }

    private static void AppendLine(StringBuilder sb, string[] cells, int[] widths, Alignment[] aligns)
    {
        sb.Append('|');
        for (var i = 0; i < cells.Length; i++)
            sb.Append(' ').Append(TextWidth.Pad(cells[i], widths[i], aligns[i])).Append(" |");
        sb.Append('\n');
    }

    /// <summary>Cell text on one line: newlines and tabs in device strings would break the layout.</summary>
    private static string CellText(object? value) =>
        Formatter.ToCellText(value).Replace("\r", "").Replace('\n', ' ').Replace('\t', ' ');

    public string ToHtml()
    {
        var sb = new StringBuilder("<table class=\"ops-table\">");
        if (Title != null) sb.Append("<caption>").Append(Html.Escape(Title)).Append("</caption>");
        sb.Append("<thead><tr>");
        foreach (var c in _columns) sb.Append("<th>").Append(Html.Escape(c.Name)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in ShownRows)
        {
            sb.Append("<tr>");
            for (var i = 0; i < row.Length; i++)
            {
                var align = _columns[i].Align switch { Alignment.Right => " style=\"text-align:right\"", Alignment.Center => " style=\"text-align:center\"", _ => "" };
                sb.Append("<td").Append(align).Append('>');
                if (row[i] is Bar bar) AppendBarHtml(sb, bar);
                else Html.AppendEscaped(sb, Formatter.ToCellText(row[i]));
                sb.Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        if (HiddenRows > 0) sb.Append("<p>").Append(HiddenRows.ToString(CultureInfo.InvariantCulture)).Append(" more rows</p>");
        if (Note != null) sb.Append("<p>").Append(Html.Escape(Note)).Append("</p>");
        return sb.ToString();
    }

    private static void AppendBarHtml(StringBuilder sb, Bar bar)
    {
        var pct = double.IsNaN(bar.Percent) ? 0 : Math.Clamp(bar.Percent, 0, 100);
        sb.Append("<span style=\"display:inline-block;width:6em;height:0.8em;background:#e5e5e5;vertical-align:middle\">")
          .Append("<span style=\"display:block;height:100%;background:#4878d0;width:")
          .Append(pct.ToString("0.#", CultureInfo.InvariantCulture)).Append("%\"></span></span> ")
          .Append(bar.Percent.ToString("0", CultureInfo.InvariantCulture)).Append(" %");
    }

    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            foreach (var row in _rows)
            {
                w.WriteStartObject();
                for (var i = 0; i < row.Length; i++)
                {
                    w.WritePropertyName(_columns[i].Name);
                    WriteJsonValue(w, row[i]);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteJsonValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNullValue(); break;
            case bool b: w.WriteBooleanValue(b); break;
            case Bar bar: w.WriteNumberValue(bar.Percent); break;
            case double d when double.IsFinite(d): w.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): w.WriteNumberValue(f); break;
            case decimal m: w.WriteNumberValue(m); break;
            case int or long or short or byte or uint or ushort or sbyte:
                w.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong u: w.WriteNumberValue(u); break;
            case DateTime dt: w.WriteStringValue(dt.ToString("o", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset dto: w.WriteStringValue(dto.ToString("o", CultureInfo.InvariantCulture)); break;
            default: w.WriteStringValue(Formatter.ToCellText(value)); break;
        }
    }
}
