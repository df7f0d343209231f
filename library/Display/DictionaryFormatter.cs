using System.Collections;

namespace Ops.Display;

/// <summary>A dictionary as a key/value table, first <see cref="SequenceFormatter.MaxRows"/> entries.</summary>
internal static class DictionaryFormatter
{
    public static Table ToTable(IDictionary dictionary)
    {
        var table = new Table("key", "value");
        var more = false;
        if (IsHashOrdered(dictionary))
        {
            // These enumerate in hash order, and string hashes differ per process: sort by key so a
            // stored notebook output is the same on every run.
            var entries = new List<DictionaryEntry>(dictionary.Count);
            foreach (DictionaryEntry entry in dictionary) entries.Add(entry);
            foreach (var entry in entries.OrderBy(e => Formatter.ToCellText(e.Key), StringComparer.Ordinal).Take(SequenceFormatter.MaxRows))
                table.AddRow(entry.Key, entry.Value);
            more = entries.Count > table.Rows.Count;
        }
        else
        {
            // IDictionary's own enumerator yields DictionaryEntry; the IEnumerable one may yield KeyValuePair.
            var enumerator = dictionary.GetEnumerator();
            try
            {
                while (enumerator.MoveNext())
                {
                    if (table.Rows.Count == SequenceFormatter.MaxRows) { more = true; break; }
                    table.AddRow(enumerator.Key, enumerator.Value);
                }
            }
            finally
            {
                (enumerator as IDisposable)?.Dispose();
            }
        }
        table.Note = SequenceFormatter.MoreRowsNote(dictionary.Count, table.Rows.Count, more);
        return table;
    }

    private static bool IsHashOrdered(IDictionary dictionary)
    {
        var type = dictionary.GetType();
        if (dictionary is Hashtable) return true;
        if (!type.IsGenericType) return false;
        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(System.Collections.Concurrent.ConcurrentDictionary<,>)
            || definition == typeof(System.Collections.Immutable.ImmutableDictionary<,>);
    }
}
