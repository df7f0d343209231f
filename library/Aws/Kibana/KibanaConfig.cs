using Ops.Display;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ops.Aws.Kibana;

/// <summary>One setting of kibana.yml with the line it was written on.</summary>
public sealed record KibanaSetting(string Key, string Value, IReadOnlyList<string> Items, int Line);

/// <summary>
/// kibana.yml flattened to dotted keys. Kibana accepts both <c>server.host: x</c> and nested
/// <c>server:\n  host: x</c>; both read the same here, and every value keeps its line for findings.
/// </summary>
public sealed class KibanaConfig : IMimeRenderable
{
    private readonly Dictionary<string, KibanaSetting> _settings;

    private KibanaConfig(string source, Dictionary<string, KibanaSetting> settings)
    {
        Source = source;
        _settings = settings;
    }

    public string Source { get; }
    public IReadOnlyCollection<KibanaSetting> Settings => _settings.Values;

    public KibanaSetting? this[string key] => _settings.GetValueOrDefault(key);

    public string? Value(string key) => _settings.GetValueOrDefault(key)?.Value;

    public static KibanaConfig Load(string path) => Parse(File.ReadAllText(path), path);

    public static KibanaConfig Parse(string yaml, string source = "kibana.yml")
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        catch (YamlException e)
        {
            throw new FormatException($"{source}:{e.Start.Line}:{e.Start.Column}: {(e.InnerException ?? e).Message}", e);
        }
        var settings = new Dictionary<string, KibanaSetting>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            return new KibanaConfig(source, settings);
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException($"{source}:{stream.Documents[0].RootNode.Start.Line}: kibana.yml must be a mapping of settings (key: value)");
        Flatten(root, "", settings, source);
        return new KibanaConfig(source, settings);
    }

    private static void Flatten(YamlMappingNode node, string prefix, Dictionary<string, KibanaSetting> into, string source)
    {
        foreach (var (k, v) in node.Children)
        {
            var name = prefix + ((k as YamlScalarNode)?.Value ?? throw new FormatException($"{source}:{k.Start.Line}: keys must be plain names"));
            var line = (int)k.Start.Line;
            switch (v)
            {
                case YamlMappingNode m:
                    Flatten(m, name + ".", into, source);
                    break;
                case YamlSequenceNode s:
                    var items = s.Children.Select(c => (c as YamlScalarNode)?.Value ?? throw new FormatException($"{source}:{c.Start.Line}: {name} items must be plain values")).ToList();
                    Add(into, new KibanaSetting(name, string.Join(",", items), items, line), source);
                    break;
                case YamlScalarNode sc:
                    var value = sc.Value ?? "";
                    // A flow list written as a string ("[\"http://a:9200\"]") still counts as a list.
                    Add(into, new KibanaSetting(name, value, [value], line), source);
                    break;
            }
        }
    }

    private static void Add(Dictionary<string, KibanaSetting> into, KibanaSetting s, string source)
    {
        if (into.TryGetValue(s.Key, out var earlier))
            throw new FormatException($"{source}:{s.Line}: {s.Key} is set again (first at line {earlier.Line}); Kibana would refuse to start");
        into[s.Key] = s;
    }

    public Table ToTable()
    {
        var t = new Table(new[] { new TableColumn("line", Alignment.Right), new TableColumn("setting"), new TableColumn("value") }) { Title = Source };
        foreach (var s in _settings.Values.OrderBy(s => s.Line)) t.AddRow(s.Line, s.Key, s.Value);
        return t;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
}
