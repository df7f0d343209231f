using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Ops.BigQuery;

/// <summary>One mapping from an hdfs path pattern to a Cloud Storage bucket and object name template.</summary>
public sealed record LogRoute(string Hdfs, string Bucket, string Object)
{
    private readonly string[] _segments = Hdfs.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Matches the pattern as a prefix of <paramref name="hdfsPath"/>; {name} captures one segment.</summary>
    public bool TryMatch(string hdfsPath, out Dictionary<string, string> captures)
    {
        captures = new Dictionary<string, string>(StringComparer.Ordinal);
        var parts = hdfsPath.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < _segments.Length) return false;
        for (var i = 0; i < _segments.Length; i++)
        {
            var seg = _segments[i];
            if (seg.Length > 2 && seg[0] == '{' && seg[^1] == '}') captures[seg[1..^1]] = parts[i];
            else if (!string.Equals(seg, parts[i], StringComparison.Ordinal)) return false;
        }
        return true;
    }
}

/// <summary>
/// The routing daemon's YAML: the time window to split by, the names of the metadata fields between
/// the hdfs path and the payload, where the event time is, and the routes. See docs/bigquery.md.
/// </summary>
public sealed class RouteConfig
{
    public TimeSpan Window { get; init; } = TimeSpan.FromHours(1);
    public TimeSpan TimeZoneOffset { get; init; }
    public IReadOnlyList<string> Meta { get; init; } = [];
    /// <summary>"meta.NAME" or "payload.FIELD".</summary>
    public string TimeSource { get; init; } = "";
    public bool AddMeta { get; init; }
    public IReadOnlyList<LogRoute> Routes { get; init; } = [];

    public static RouteConfig Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"route config not found: {path}", path);
        try { return Parse(File.ReadAllText(path)); }
        catch (Exception e) when (e is FormatException or YamlDotNet.Core.YamlException)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    public static RouteConfig Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException("route config must be a YAML mapping with 'routes'");
        string? Scalar(YamlMappingNode m, string key) => m.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value : null;
        var routes = new List<LogRoute>();
        if (root.Children.TryGetValue(new YamlScalarNode("routes"), out var rs) && rs is YamlSequenceNode seq)
            foreach (var item in seq.Children.OfType<YamlMappingNode>())
                routes.Add(new LogRoute(
                    Scalar(item, "hdfs") ?? throw new FormatException($"line {item.Start.Line}: route needs 'hdfs'"),
                    Scalar(item, "bucket") ?? throw new FormatException($"line {item.Start.Line}: route needs 'bucket'"),
                    Scalar(item, "object") ?? throw new FormatException($"line {item.Start.Line}: route needs 'object'")));
        if (routes.Count == 0) throw new FormatException("route config has no routes");
        var meta = root.Children.TryGetValue(new YamlScalarNode("meta"), out var ms) && ms is YamlSequenceNode mseq
            ? mseq.Children.Select(c => c.ToString()).ToList() : new List<string>();
        var time = Scalar(root, "time") ?? "";
        if (time.Length > 0 && !time.StartsWith("meta.", StringComparison.Ordinal) && !time.StartsWith("payload.", StringComparison.Ordinal))
            throw new FormatException($"time '{time}' must be meta.NAME or payload.FIELD");
        if (time.StartsWith("meta.", StringComparison.Ordinal) && !meta.Contains(time[5..]))
            throw new FormatException($"time '{time}' names a meta field not listed in meta: [{string.Join(", ", meta)}]");
        return new RouteConfig
        {
            Window = ParseWindow(Scalar(root, "window") ?? "1h"),
            TimeZoneOffset = ParseOffset(Scalar(root, "timeZone") ?? "+00:00"),
            Meta = meta,
            TimeSource = time,
            AddMeta = bool.TryParse(Scalar(root, "addMeta"), out var add) && add,
            Routes = routes,
        };
    }

    public static TimeSpan ParseWindow(string text)
    {
        var m = Regex.Match(text.Trim(), @"^(\d+)\s*([smhd])$");
        if (!m.Success) throw new FormatException($"window '{text}' must look like 10m, 1h or 1d");
        var n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var w = m.Groups[2].Value switch { "s" => TimeSpan.FromSeconds(n), "m" => TimeSpan.FromMinutes(n), "h" => TimeSpan.FromHours(n), _ => TimeSpan.FromDays(n) };
        if (w <= TimeSpan.Zero || TimeSpan.FromDays(1).Ticks % w.Ticks != 0 && w < TimeSpan.FromDays(1))
            throw new FormatException($"window '{text}' must divide a day evenly (10m, 15m, 1h, 6h, 1d)");
        return w;
    }

    public static TimeSpan ParseOffset(string text)
    {
        var t = text.Trim();
        if (t is "UTC" or "Z") return TimeSpan.Zero;
        if (t == "Asia/Tokyo" || t == "JST") return TimeSpan.FromHours(9);
        var m = Regex.Match(t, @"^([+-])(\d{1,2}):?(\d{2})$");
        if (!m.Success) throw new FormatException($"timeZone '{text}' must be UTC or an offset such as +09:00");
        var span = new TimeSpan(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), 0);
        return m.Groups[1].Value == "-" ? -span : span;
    }
}
