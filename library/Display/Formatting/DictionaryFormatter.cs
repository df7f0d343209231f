using System.Collections;

namespace Ops.Display;

/// <summary>A dictionary as a key/value table, first <see cref="SequenceFormatter.MaxRows"/> entries.</summary>
internal static class DictionaryFormatter
{
    public static Table ToTable(IDictionary dictionary)
    {
        var rows = new List<object?[]>();
        var more = false;
        if (IsHashOrdered(dictionary))
        {
            // These enumerate in hash order, and string hashes differ per process: sort by key so a
            // stored notebook output is the same on every run.
            var entries = new List<DictionaryEntry>(dictionary.Count);
            foreach (DictionaryEntry entry in dictionary) entries.Add(entry);
            foreach (var entry in entries.OrderBy(e => Formatter.ToCellText(e.Key), StringComparer.Ordinal).Take(SequenceFormatter.MaxRows))
                rows.Add(new[] { entry.Key, entry.Value });
            more = entries.Count > rows.Count;
        }
        else
        {
            // IDictionary's own enumerator yields DictionaryEntry; the IEnumerable one may yield KeyValuePair.
            var enumerator = dictionary.GetEnumerator();
            try
            {
                while (enumerator.MoveNext())
                {
                    if (rows.Count == SequenceFormatter.MaxRows) { more = true; break; }
                    rows.Add(new[] { enumerator.Key, enumerator.Value });
                }
            }
            finally
            {
                (enumerator as IDisposable)?.Dispose();
            }
        }
        var table = Table.FromRows(new[] { "key", "value" }, rows);
        table.Note = SequenceFormatter.MoreRowsNote(dictionary.Count, rows.Count, more);
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
