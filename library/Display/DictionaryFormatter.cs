using System.Collections;

namespace Ops.Display;

/// <summary>A dictionary as a key/value table, first <see cref="SequenceFormatter.MaxRows"/> entries.</summary>
internal static class DictionaryFormatter
{
    public static Table ToTable(IDictionary dictionary)
    {
        var (items, more) = SequenceFormatter.TakeRows(dictionary);
        var table = new Table("key", "value");
        foreach (var item in items)
        {
            var entry = (DictionaryEntry)item!;
            table.AddRow(entry.Key, entry.Value);
        }
        table.Note = SequenceFormatter.MoreRowsNote(dictionary.Count, items.Count, more);
        return table;
    }
}
