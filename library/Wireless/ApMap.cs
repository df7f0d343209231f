using System.Text;
using Ops.Display;
using YamlDotNet.RepresentationModel;

namespace Ops.Wireless;

/// <summary>One line of the seed's map file: which controller (host) holds which AP, by AP OID.</summary>
public sealed record ApMapEntry(string Host, string Name, string ApOid)
{
    public string Mac => Wireless.ApOid.ToMac(ApOid);
}

/// <summary>
/// Which controller each AP is joined to, from bsnAPName on every controller. APs seen on two
/// controllers, and APs of a previous map seen on none, are listed in <see cref="Problems"/>.
/// </summary>
public sealed class ApMap : IMimeRenderable
{
    public ApMap(IEnumerable<ApMapEntry> entries, IEnumerable<string>? problems = null)
    {
        Entries = entries.OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Host, StringComparer.Ordinal).ToList();
        var list = problems?.ToList() ?? new List<string>();
        foreach (var dup in Entries.GroupBy(e => e.Name).Where(g => g.Count() > 1))
            list.Add($"AP {dup.Key} is on {dup.Count()} controllers: {string.Join(", ", dup.Select(d => $"{d.Host} ({d.Mac})"))}");
        Problems = list;
    }

    public IReadOnlyList<ApMapEntry> Entries { get; }
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The controller entry of an AP by name (case-insensitive); null when the AP is on no controller.</summary>
    public ApMapEntry? Find(string apName) =>
        Entries.FirstOrDefault(e => e.Name == apName) ?? Entries.FirstOrDefault(e => e.Name.Equals(apName, StringComparison.OrdinalIgnoreCase));

    /// <summary>This map with problems for every AP of <paramref name="previous"/> that is now on no controller.</summary>
    public ApMap ComparedWith(ApMap previous)
    {
        var now = Entries.Select(e => e.Name).ToHashSet();
        var lost = previous.Entries.Where(e => !now.Contains(e.Name)).Select(e => $"AP {e.Name} was on {e.Host} and is now on no controller");
        var moved = previous.Entries.Join(Entries, p => p.Name, c => c.Name, (p, c) => (p, c)).Where(x => x.p.Host != x.c.Host)
            .Select(x => $"AP {x.c.Name} moved from {x.p.Host} to {x.c.Host}");
        return new ApMap(Entries, Problems.Where(p => !p.Contains(" controllers: ")).Concat(lost).Concat(moved));
    }

    /// <summary>The seed's YAML: a list of host / name / apoid.</summary>
    public string ToYaml()
    {
        var sb = new StringBuilder("---\n");
        foreach (var e in Entries)
            sb.Append("- host: ").Append(Quote(e.Host)).Append("\n  name: ").Append(Quote(e.Name)).Append("\n  apoid: ").Append(e.ApOid).Append('\n');
        return sb.ToString();
    }

    public void Save(string path) => AtomicFile.WriteAllText(path, ToYaml());

    public static ApMap Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"AP map {path} does not exist; create it with 'ops wlc map -o {path}'", path);
        return Parse(File.ReadAllText(path), path);
    }

    public static ApMap Parse(string yaml, string source = "map")
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var entries = new List<ApMapEntry>();
        if (stream.Documents.Count == 0) return new ApMap(entries);
        if (stream.Documents[0].RootNode is not YamlSequenceNode seq) throw new FormatException($"{source}: expected a list of host/name/apoid entries");
        foreach (var item in seq.Children)
        {
            if (item is not YamlMappingNode m) throw new FormatException($"{source}:{item.Start.Line}: expected host/name/apoid");
            string Field(string key) => m.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s && s.Value is { } val
                ? val : throw new FormatException($"{source}:{m.Start.Line}: entry without '{key}'");
            var apoid = Field("apoid");
            try { Wireless.ApOid.ToMac(apoid); }
            catch (FormatException e) { throw new FormatException($"{source}:{m.Start.Line}: apoid '{apoid}': {e.Message}"); }
            entries.Add(new ApMapEntry(Field("host"), Field("name"), apoid));
        }
        return new ApMap(entries);
    }

    private static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.') && !char.IsDigit(s[0]) ? s : "'" + s.Replace("'", "''") + "'";

    public Table ToTable()
    {
        var t = new Table("Hostname", "MAC", "Controller", "AP OID") { Title = $"{Entries.Count} APs" };
        foreach (var e in Entries) t.AddRow(e.Name, e.Mac, e.Host, e.ApOid);
        return t;
    }

    public MimeBundle ToMimeBundle()
    {
        var t = ToTable();
        var problems = Problems.Count == 0 ? "" : "\n" + string.Join("\n", Problems.Select(p => "! " + p));
        var html = Problems.Count == 0 ? "" : "<ul>" + string.Concat(Problems.Select(p => "<li>" + Html.Escape(p) + "</li>")) + "</ul>";
        return new MimeBundle(t.ToPlainText() + problems).With(MimeTypes.Html, t.ToHtml() + html);
    }

    public override string ToString() => ToMimeBundle().PlainText;
}
