using System.Collections;
using System.Globalization;
using System.Reflection;

namespace Ops.Display;

/// <summary>
/// A sequence as a table: one column per public property of the element type, or a single
/// <c>value</c> column for numbers, strings and other single values. Enumeration stops after
/// <see cref="MaxRows"/> + 1 items, so an endless or expensive sequence cannot hang the display.
/// </summary>
internal static class SequenceFormatter
{
    public const int MaxRows = 100;

    public static Table ToTable(IEnumerable sequence)
    {
        var (items, more) = TakeRows(sequence);
        var elementType = ColumnType(TypeShape.ElementType(sequence.GetType()), items);
        Table table;
        if (TypeShape.IsKeyValuePair(elementType))
        {
            var key = elementType.GetProperty("Key")!;
            var val = elementType.GetProperty("Value")!;
            table = Table.FromRows(new[] { "key", "value" },
                items.Select(item => new[] { item is null ? null : key.GetValue(item), item is null ? null : val.GetValue(item) }).ToList());
        }
        else
        {
            table = FromRowDictionaries(items) ?? Table.FromObjects(items, elementType, maxRows: MaxRows);
        }
        table.MaxRows = null;
        table.Note = MoreRowsNote(CountOf(sequence), items.Count, more);
        return table;
    }

    /// <summary>
    /// Rows given as dictionaries (query results, parsed JSON or YAML, ExpandoObject): one column per
    /// key, in the order keys are first seen. Null when the items are not all such dictionaries.
    /// </summary>
    private static Table? FromRowDictionaries(List<object?> items)
    {
        if (items.Count == 0) return null;
        var rows = new List<Dictionary<string, object?>>(items.Count);
        var columns = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (item is IDictionary d)
            {
                foreach (DictionaryEntry e in d) row[Formatter.ToCellText(e.Key)] = e.Value;
            }
            else if (item is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (k, v) in pairs) row[k] = v;
            }
            else return null;
            foreach (var key in row.Keys)
                if (known.Add(key)) columns.Add(key);
            rows.Add(row);
        }
        if (columns.Count == 0) return null;
        return Table.FromRows(columns, rows.Select(row => columns.Select(c => row.TryGetValue(c, out var v) ? v : null).ToArray()).ToList());
    }

    /// <summary>At most MaxRows items, and whether at least one more exists.</summary>
    internal static (List<object?> Items, bool More) TakeRows(IEnumerable sequence)
    {
        var items = new List<object?>();
        var enumerator = sequence.GetEnumerator();
        try
        {
            while (enumerator.MoveNext())
            {
                if (items.Count == MaxRows) return (items, true);
                items.Add(enumerator.Current);
            }
        }
        finally
        {
            (enumerator as IDisposable)?.Dispose();
        }
        return (items, false);
    }

    internal static string? MoreRowsNote(int? total, int shown, bool more)
    {
        if (!more) return null;
        if (total is int n && n > shown) return (n - shown).ToString(CultureInfo.InvariantCulture) + " more rows";
        return "more rows not shown (stopped after " + shown.ToString(CultureInfo.InvariantCulture) + ")";
    }

    /// <summary>The count of a collection without enumerating it, when it has one.</summary>
    internal static int? CountOf(IEnumerable sequence)
    {
        if (sequence is ICollection c) return c.Count;
        var readOnly = sequence.GetType().GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyCollection<>));
        return readOnly?.GetProperty("Count", BindingFlags.Public | BindingFlags.Instance)?.GetValue(sequence) as int?;
    }

    /// <summary>
    /// The type whose properties become columns. A sequence typed as object or an interface whose
    /// items all share one runtime type shows that type's properties.
    /// </summary>
    private static Type ColumnType(Type declared, List<object?> items)
    {
        if (TypeShape.IsScalar(declared) || TypeShape.IsKeyValuePair(declared)) return declared;
        if (declared == typeof(object) || declared.IsInterface || declared.IsAbstract)
        {
            var runtime = items.Where(i => i != null).Select(i => i!.GetType()).Distinct().ToList();
            if (runtime.Count == 1) return runtime[0];
        }
        return declared;
    }
}
