using System.Collections;

namespace Ops.Display;

/// <summary>A dictionary as a key/value table, first <see cref="SequenceFormatter.MaxRows"/> entries.</summary>
internal static class DictionaryFormatter
{
    public static Table ToTable(IDictionary dictionary)
    {
        var table = new Table("key", "value");
        var more = false;
        // IDictionary's own enumerator yields DictionaryEntry; the IEnumerable one may yield KeyValuePair.
        var entries = dictionary.GetEnumerator();
        try
        {
            while (entries.MoveNext())
            {
                if (table.Rows.Count == SequenceFormatter.MaxRows) { more = true; break; }
                table.AddRow(entries.Key, entries.Value);
            }
        }
        finally
        {
            (entries as IDisposable)?.Dispose();
        }
        table.Note = SequenceFormatter.MoreRowsNote(dictionary.Count, table.Rows.Count, more);
        return table;
    }
}
