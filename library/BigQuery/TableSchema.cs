using System.Globalization;
using System.Text;
using System.Text.Json;
using Ops.Display;
using YamlDotNet.RepresentationModel;

namespace Ops.BigQuery;

/// <summary>
/// A BigQuery table schema, read from a bq JSON schema file (name, type, mode, fields) or from the
/// spreadsheet the pipeline's users fill in (CSV or YAML rows of column, type, mode; nested columns as
/// dotted names such as <c>user.id</c>).
/// </summary>
public sealed class TableSchema : IMimeRenderable
{
    public TableSchema(IEnumerable<SchemaField> fields)
    {
        Root = new SchemaField("(row)", BqType.Record, FieldMode.Required, fields);
    }

    /// <summary>The row as a record: its fields are the table's columns.</summary>
    public SchemaField Root { get; }
    public IReadOnlyList<SchemaField> Fields => Root.Fields;

    /// <summary>Reads a schema file by its extension: .json (bq), .csv/.tsv (spreadsheet), .yaml/.yml.</summary>
    public static TableSchema Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"schema file not found: {path}", path);
        var text = File.ReadAllText(path);
        var ext = Path.GetExtension(path).ToLowerInvariant();
        try
        {
            return ext switch
            {
                ".json" => FromJson(text),
                ".csv" => FromSpreadsheet(text, ','),
                ".tsv" => FromSpreadsheet(text, '\t'),
                ".yaml" or ".yml" => FromYaml(text),
                _ => text.TrimStart().StartsWith('[') || text.TrimStart().StartsWith('{') ? FromJson(text) : FromYaml(text),
            };
        }
        catch (Exception e) when (e is FormatException or JsonException or YamlDotNet.Core.YamlException)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>bq's schema JSON: an array of fields, or an object with "fields" (or "schema": {"fields"}).</summary>
    public static TableSchema FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var root = doc.RootElement;
        if (root.ValueKind == JsonValueKind.Object)
        {
            if (root.TryGetProperty("schema", out var s)) root = s;
            if (!root.TryGetProperty("fields", out root))
                throw new FormatException("schema JSON object has no \"fields\" array");
        }
        if (root.ValueKind != JsonValueKind.Array) throw new FormatException("schema JSON must be an array of fields");
        return new TableSchema(ReadJsonFields(root, ""));
    }

    private static List<SchemaField> ReadJsonFields(JsonElement array, string parent)
    {
        var list = new List<SchemaField>();
        var i = 0;
        foreach (var f in array.EnumerateArray())
        {
            i++;
            var name = Str(f, "name") ?? throw new FormatException($"field #{i} under '{(parent == "" ? "(root)" : parent)}' has no name");
            var path = parent == "" ? name : parent + "." + name;
            var type = BqTypeNames.Parse(Str(f, "type"), $"field '{path}'");
            var mode = BqTypeNames.ParseMode(Str(f, "mode"), $"field '{path}'");
            var children = f.TryGetProperty("fields", out var fs) && fs.ValueKind == JsonValueKind.Array ? ReadJsonFields(fs, path) : null;
            list.Add(new SchemaField(name, type, mode, children, Int(Str(f, "precision")), Int(Str(f, "scale")), Str(f, "description")));
        }
        return list;
    }

    private static string? Str(JsonElement e, string name)
    {
        foreach (var p in e.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                return p.Value.ValueKind switch { JsonValueKind.String => p.Value.GetString(), JsonValueKind.Number => p.Value.GetRawText(), _ => null };
        return null;
    }

    private static int? Int(string? s) => string.IsNullOrWhiteSpace(s) ? null : int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>
    /// A spreadsheet export: a header row naming the columns (column or name, type, mode, and optionally
    /// description, precision, scale), then one row per column. Dotted names nest into RECORDs.
    /// </summary>
    public static TableSchema FromSpreadsheet(string text, char delimiter = ',')
    {
        var rows = SpreadsheetRows(text, delimiter).ToList();
        if (rows.Count == 0) throw new FormatException("schema spreadsheet is empty");
        var header = rows[0].Select(h => h.Trim().ToLowerInvariant()).ToArray();
        int Col(params string[] names) => Array.FindIndex(header, h => names.Contains(h));
        var nameCol = Col("column", "name", "column_name", "field");
        var typeCol = Col("type", "data_type");
        if (nameCol < 0 || typeCol < 0)
            throw new FormatException($"schema spreadsheet header must name a 'column' and a 'type' column; found: {string.Join(", ", rows[0])}");
        var modeCol = Col("mode");
        var descCol = Col("description");
        var precCol = Col("precision");
        var scaleCol = Col("scale");
        var flat = new List<FlatColumn>();
        for (var r = 1; r < rows.Count; r++)
        {
            var row = rows[r];
            string? Cell(int c) => c >= 0 && c < row.Length && row[c].Trim().Length > 0 ? row[c].Trim() : null;
            var name = Cell(nameCol);
            if (name == null) continue;
            flat.Add(new FlatColumn(name, Cell(typeCol), Cell(modeCol), Cell(descCol), Int(Cell(precCol)), Int(Cell(scaleCol)), $"row {r + 1}"));
        }
        return new TableSchema(Nest(flat, ""));
    }

    /// <summary>YAML: a list (or "columns:"/"fields:") of column/name, type, mode, description, fields.</summary>
    public static TableSchema FromYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0) throw new FormatException("schema YAML is empty");
        var node = stream.Documents[0].RootNode;
        if (node is YamlMappingNode map)
        {
            node = map.Children.FirstOrDefault(kv => kv.Key.ToString() is "columns" or "fields" or "schema").Value
                ?? throw new FormatException("schema YAML mapping needs a 'columns' (or 'fields') list");
        }
        if (node is not YamlSequenceNode seq) throw new FormatException("schema YAML must be a list of columns");
        return new TableSchema(Nest(YamlColumns(seq, ""), ""));
    }

    private static List<FlatColumn> YamlColumns(YamlSequenceNode seq, string parent)
    {
        var list = new List<FlatColumn>();
        foreach (var item in seq.Children)
        {
            if (item is not YamlMappingNode m) throw new FormatException($"line {item.Start.Line}: each column must be a mapping (column, type, mode)");
            string? Get(params string[] keys) =>
                m.Children.FirstOrDefault(kv => keys.Contains(kv.Key.ToString().ToLowerInvariant())).Value is YamlScalarNode s ? s.Value : null;
            var name = Get("column", "name") ?? throw new FormatException($"line {m.Start.Line}: column has no 'column' (or 'name')");
            var full = parent == "" ? name : parent + "." + name;
            list.Add(new FlatColumn(full, Get("type"), Get("mode"), Get("description"), Int(Get("precision")), Int(Get("scale")), $"line {m.Start.Line}"));
            if (m.Children.FirstOrDefault(kv => kv.Key.ToString() == "fields").Value is YamlSequenceNode kids)
                list.AddRange(YamlColumns(kids, full));
        }
        return list;
    }

    private sealed record FlatColumn(string Name, string? Type, string? Mode, string? Description, int? Precision, int? Scale, string Where);

    /// <summary>Builds the tree from dotted names; a parent not declared itself becomes a NULLABLE RECORD.</summary>
    private static List<SchemaField> Nest(List<FlatColumn> flat, string prefix)
    {
        var result = new List<SchemaField>();
        var order = new List<string>();
        var groups = new Dictionary<string, (FlatColumn? Self, List<FlatColumn> Children)>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in flat)
        {
            var rest = c.Name[prefix.Length..];
            var dot = rest.IndexOf('.');
            var head = dot < 0 ? rest : rest[..dot];
            if (!groups.TryGetValue(head, out var g)) { g = (null, new List<FlatColumn>()); order.Add(head); }
            if (dot < 0)
            {
                if (g.Self != null) throw new FormatException($"{c.Where}: column '{c.Name}' is declared twice");
                g.Self = c;
            }
            else g.Children.Add(c);
            groups[head] = g;
        }
        foreach (var head in order)
        {
            var (self, children) = groups[head];
            var path = prefix + head;
            var where = self?.Where ?? children[0].Where;
            var type = self?.Type is null ? (children.Count > 0 ? BqType.Record : BqTypeNames.Parse(null, $"{where}: column '{path}'"))
                : BqTypeNames.Parse(self.Type, $"{where}: column '{path}'");
            var mode = BqTypeNames.ParseMode(self?.Mode, $"{where}: column '{path}'");
            if (children.Count > 0 && type != BqType.Record)
                throw new FormatException($"{where}: column '{path}' is {self?.Type} but has nested columns ({children[0].Name}); declare it RECORD");
            var (precision, scale) = (self?.Precision, self?.Scale);
            if (self?.Type is string t && t.Contains('(') && precision is null) (precision, scale) = TypeParameters(t, where);
            result.Add(new SchemaField(head, type, mode, children.Count > 0 ? Nest(children, path + ".") : null, precision, scale, self?.Description));
        }
        return result;
    }

    private static (int?, int?) TypeParameters(string type, string where)
    {
        var inner = type[(type.IndexOf('(') + 1)..].TrimEnd(')', ' ');
        var parts = inner.Split(',', StringSplitOptions.TrimEntries);
        try { return (int.Parse(parts[0], CultureInfo.InvariantCulture), parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0); }
        catch (FormatException) { throw new FormatException($"{where}: cannot read type parameters in '{type}'"); }
    }

    /// <summary>Minimal CSV reader for schema sheets (quoted cells, doubled quotes).</summary>
    internal static IEnumerable<string[]> SpreadsheetRows(string text, char delimiter)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cell.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == delimiter) { cells.Add(cell.ToString()); cell.Clear(); }
            else if (ch == '\n' || ch == '\r')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                cells.Add(cell.ToString()); cell.Clear();
                if (cells.Any(c => c.Length > 0) && !cells[0].StartsWith('#')) yield return cells.ToArray();
                cells.Clear();
            }
            else cell.Append(ch);
        }
        cells.Add(cell.ToString());
        if (cells.Any(c => c.Length > 0) && !cells[0].StartsWith('#')) yield return cells.ToArray();
    }

    /// <summary>The schema in bq's JSON format (for <c>bq load --schema</c>).</summary>
    public string ToJson(bool indented = true)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = indented }))
        {
            WriteFields(w, Fields);
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void WriteFields(Utf8JsonWriter w, IReadOnlyList<SchemaField> fields)
    {
        w.WriteStartArray();
        foreach (var f in fields)
        {
            w.WriteStartObject();
            w.WriteString("name", f.Name);
            w.WriteString("type", BqTypeNames.LegacyName(f.Type));
            w.WriteString("mode", BqTypeNames.ModeName(f.Mode));
            if (f.Precision is int p) w.WriteString("precision", p.ToString(CultureInfo.InvariantCulture));
            if (f.Scale is int s) w.WriteString("scale", s.ToString(CultureInfo.InvariantCulture));
            if (f.Description != null) w.WriteString("description", f.Description);
            if (f.Type == BqType.Record) { w.WritePropertyName("fields"); WriteFields(w, f.Fields); }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>A column by dotted path (user.id), case-insensitive; null when absent.</summary>
    public SchemaField? Find(string path)
    {
        SchemaField? field = Root;
        foreach (var part in path.Split('.'))
        {
            field = field?.Find(part);
            if (field is null) return null;
        }
        return field;
    }

    /// <summary>Every leaf column with its dotted path, in declaration order.</summary>
    public IEnumerable<(string Path, SchemaField Field, bool UnderRepeated)> Leaves() => Walk(Fields, "", false);

    private static IEnumerable<(string, SchemaField, bool)> Walk(IReadOnlyList<SchemaField> fields, string prefix, bool repeated)
    {
        foreach (var f in fields)
        {
            var path = prefix + f.Name;
            var rep = repeated || f.IsRepeated;
            if (f.Type == BqType.Record) foreach (var x in Walk(f.Fields, path + ".", rep)) yield return x;
            else yield return (path, f, rep);
        }
    }

    public Table ToTable()
    {
        var table = new Table("column", "type", "mode") { Title = "schema" };
        void Add(IReadOnlyList<SchemaField> fields, string prefix)
        {
            foreach (var f in fields)
            {
                table.AddRow(prefix + f.Name, f.TypeText, BqTypeNames.ModeName(f.Mode));
                if (f.Type == BqType.Record) Add(f.Fields, prefix + f.Name + ".");
            }
        }
        Add(Fields, "");
        return table;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
    public override string ToString() => ToTable().ToPlainText();
}
