using System.Text;

namespace Ops.BigQuery;

/// <summary>
/// One column of a BigQuery table schema. RECORD columns hold child fields; lookups by name are
/// case-insensitive as in BigQuery. Each field keeps its UTF-8 name so the validator can match JSON
/// property names without decoding them.
/// </summary>
public sealed class SchemaField
{
    private readonly Dictionary<string, int> _byName;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _byNameSpan;

    public SchemaField(string name, BqType type, FieldMode mode = FieldMode.Nullable, IEnumerable<SchemaField>? fields = null,
        int? precision = null, int? scale = null, string? description = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("a field needs a name", nameof(name));
        Name = name;
        Type = type;
        Mode = mode;
        Precision = precision;
        Scale = scale;
        Description = description;
        Fields = (fields ?? []).ToList();
        if (type == BqType.Record && Fields.Count == 0)
            throw new FormatException($"RECORD field '{name}' has no fields; a RECORD needs at least one child field");
        if (type != BqType.Record && Fields.Count > 0)
            throw new FormatException($"field '{name}' is {BqTypeNames.LegacyName(type)} but has child fields; only RECORD fields have fields");
        Utf8Name = Encoding.UTF8.GetBytes(name);
        _byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Fields.Count; i++)
            if (!_byName.TryAdd(Fields[i].Name, i))
                throw new FormatException($"field '{name}' declares '{Fields[i].Name}' twice (names are case-insensitive)");
        _byNameSpan = _byName.GetAlternateLookup<ReadOnlySpan<char>>();
        RequiredCount = Fields.Count(f => f.Mode == FieldMode.Required);
    }

    public string Name { get; }
    public BqType Type { get; }
    public FieldMode Mode { get; }
    public IReadOnlyList<SchemaField> Fields { get; }
    /// <summary>NUMERIC/BIGNUMERIC precision when the schema parameterises it (NUMERIC(P,S)).</summary>
    public int? Precision { get; }
    public int? Scale { get; }
    public string? Description { get; }
    internal byte[] Utf8Name { get; }
    internal int RequiredCount { get; }

    public bool IsRepeated => Mode == FieldMode.Repeated;

    /// <summary>Child index by name (case-insensitive), or -1.</summary>
    public int IndexOf(ReadOnlySpan<char> name) => _byNameSpan.TryGetValue(name, out var i) ? i : -1;

    public SchemaField? Find(string name) => _byName.TryGetValue(name, out var i) ? Fields[i] : null;

    /// <summary>Type as written in a schema file, with parameters (NUMERIC(10, 2)).</summary>
    public string TypeText => Precision is int p
        ? $"{BqTypeNames.LegacyName(Type)}({p}{(Scale is int s ? $", {s}" : "")})"
        : BqTypeNames.LegacyName(Type);

    public override string ToString() => $"{Name} {TypeText} {BqTypeNames.ModeName(Mode)}";
}
