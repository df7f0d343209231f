using Ops.Display;

namespace Ops.Aws;

/// <summary>A list of findings shown as one table, most severe first.</summary>
public sealed class Findings : IReadOnlyList<Finding>, IMimeRenderable
{
    private readonly List<Finding> _items;

    public Findings(IEnumerable<Finding> items, string title = "Findings")
    {
        _items = items.OrderByDescending(f => f.Severity).ThenBy(f => f.Check, StringComparer.Ordinal).ThenBy(f => f.Resource, StringComparer.Ordinal).ToList();
        Title = title;
    }

    public string Title { get; }
    public Finding this[int index] => _items[index];
    public int Count => _items.Count;
    public IEnumerator<Finding> GetEnumerator() => _items.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public int CountOf(FindingSeverity severity) => _items.Count(f => f.Severity == severity);

    public Table ToTable()
    {
        var t = new Table("severity", "check", "resource", "detail", "fix", "source")
        {
            Title = _items.Count == 0 ? $"{Title}: none" : $"{Title}: {_items.Count} ({string.Join(", ", Enum.GetValues<FindingSeverity>().Reverse().Where(s => CountOf(s) > 0).Select(s => $"{CountOf(s)} {s.ToString().ToLowerInvariant()}"))})",
        };
        foreach (var f in _items) t.AddRow(f.Severity.ToString().ToUpperInvariant(), f.Check, f.Resource, f.Detail, f.Fix, f.Source);
        return t;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
    public override string ToString() => ToTable().ToPlainText();
}
