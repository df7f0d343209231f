using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Ops.Display;

namespace Ops.BigQuery;

/// <summary>One object written by the router.</summary>
public sealed record RoutedObject(string Bucket, string Object, string LocalPath, DateTimeOffset WindowStart, long Rows);

/// <summary>A line the router could not place, with where it came from.</summary>
public sealed record RouteProblem(string File, long Line, string Rule, string Preview, string Detail);

/// <summary>
/// The gcs daemon of the log-loading pipeline (docs/background.md): reads application log lines <c>hdfs path \t meta... \t payload</c>
/// (payload JSON or LTSV), maps the hdfs path to a bucket and object by the YAML routes, splits by
/// time window, and writes each (object, window) as NDJSON gzip ready for <c>bq load</c>. LTSV
/// payloads become JSON objects of strings. Output goes under a local directory laid out as
/// <c>bucket/object</c>, to upload with <c>gsutil -m rsync</c>.
/// </summary>
public sealed class LogRouter : IDisposable
{
    private readonly RouteConfig _config;
    private readonly string _outDir;
    private readonly Dictionary<string, Writer> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _parts = new(StringComparer.Ordinal);
    private readonly List<RoutedObject> _done = new();
    private DateTimeOffset _newest = DateTimeOffset.MinValue;

    private sealed class Writer
    {
        public required string Bucket, Object, LocalPath, PartialPath;
        public required DateTimeOffset Window;
        public required FileStream File;
        public required GZipStream Gzip;
        public long Rows;
    }

    public LogRouter(RouteConfig config, string outputDirectory)
    {
        _config = config;
        _outDir = outputDirectory;
    }

    public long LinesRead { get; private set; }
    public long LinesRouted { get; private set; }
    public List<RouteProblem> Problems { get; } = new();
    public long ProblemCount { get; private set; }

    /// <summary>Routes every line of the input files, then closes all outputs.</summary>
    public static RouteReport Run(RouteConfig config, IEnumerable<string> inputs, string outputDirectory, CancellationToken cancellationToken = default)
    {
        var token = Cancellation.Or(cancellationToken);
        using var router = new LogRouter(config, outputDirectory);
        foreach (var path in FileGlob.Expand(inputs))
        {
            using var stream = NdjsonFile.Open(path);
            using var lines = new LineReader(stream, 100L << 20);
            while (lines.TryReadLine(out var line, out var oversized))
            {
                if ((lines.LineNumber & 0x3FFF) == 0) token.ThrowIfCancellationRequested();
                if (oversized > 0) { router.Problem(path, lines.LineNumber, "line_too_large", $"{oversized} bytes", "line over 100 MB skipped"); continue; }
                if (line.IsEmpty) continue;
                router.Route(path, lines.LineNumber, Encoding.UTF8.GetString(line));
            }
        }
        return router.Finish();
    }

    /// <summary>Routes one input line.</summary>
    public void Route(string file, long lineNumber, string line)
    {
        LinesRead++;
        var parts = line.Split('\t');
        var metaCount = _config.Meta.Count;
        if (parts.Length < 2 + metaCount)
        {
            Problem(file, lineNumber, "malformed_line", Excerpt.Of(line), $"expected hdfs path, {metaCount} meta field(s) and a payload separated by tabs");
            return;
        }
        var hdfs = parts[0];
        var meta = parts.AsSpan(1, metaCount).ToArray();
        var payloadText = string.Join('\t', parts, 1 + metaCount, parts.Length - 1 - metaCount);
        LogRoute? route = null;
        Dictionary<string, string>? captures = null;
        foreach (var r in _config.Routes)
            if (r.TryMatch(hdfs, out captures)) { route = r; break; }
        if (route is null || captures is null)
        {
            Problem(file, lineNumber, "unrouted", Excerpt.Of(hdfs), "no route matches this hdfs path; add one to the config");
            return;
        }
        if (ToJsonObject(payloadText, out var error) is not JsonElement payload)
        {
            Problem(file, lineNumber, "bad_payload", Excerpt.Of(payloadText), error!);
            return;
        }
        DateTimeOffset time;
        if (_config.TimeSource.Length == 0) time = DateTimeOffset.UnixEpoch;
        else
        {
            var raw = _config.TimeSource.StartsWith("meta.", StringComparison.Ordinal)
                ? meta[_config.Meta.ToList().IndexOf(_config.TimeSource[5..])]
                : Field(payload, _config.TimeSource[8..]);
            if (raw is null || !TryParseTime(raw, _config.TimeZoneOffset, out time))
            {
                Problem(file, lineNumber, "bad_time", Excerpt.Of(raw ?? "(missing)"), $"cannot read the event time from {_config.TimeSource}");
                return;
            }
        }
        var window = WindowStart(time);
        if (window > _newest) { _newest = window; CloseOlderThan(window - 2 * _config.Window); }
        var bucket = Expand(route.Bucket, captures, window);
        var obj = Expand(route.Object, captures, window);
        if (!obj.EndsWith(".json.gz", StringComparison.Ordinal)) obj += ".json.gz";
        var key = bucket + "/" + obj;
        if (!_open.TryGetValue(key, out var w)) _open[key] = w = Open(bucket, obj, window);
        var bytes = WithMeta(payload, meta);
        w.Gzip.Write(bytes);
        w.Gzip.WriteByte((byte)'\n');
        w.Rows++;
        LinesRouted++;
    }

    private byte[] WithMeta(JsonElement payload, string[] meta)
    {
        using var ms = new MemoryStream();
        using (var writer = new Utf8JsonWriter(ms))
        {
            writer.WriteStartObject();
            if (_config.AddMeta)
                for (var i = 0; i < meta.Length; i++) writer.WriteString("_" + _config.Meta[i], meta[i]);
            foreach (var p in payload.EnumerateObject()) p.WriteTo(writer);
            writer.WriteEndObject();
        }
        return ms.ToArray();
    }

    private static string? Field(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;

    /// <summary>A JSON object as is, or LTSV (label:value pairs separated by tabs) as an object of strings.</summary>
    public static JsonElement? ToJsonObject(string payload, out string? error)
    {
        error = null;
        var t = payload.TrimStart();
        if (t.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(t);
                if (doc.RootElement.ValueKind == JsonValueKind.Object) return doc.RootElement.Clone();
            }
            catch (JsonException e) { error = $"payload looks like JSON but does not parse: {e.Message}"; return null; }
        }
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            foreach (var pair in payload.Split('\t'))
            {
                if (pair.Length == 0) continue;
                var colon = pair.IndexOf(':');
                if (colon <= 0) { error = $"LTSV item '{Excerpt.Of(pair)}' has no label (label:value)"; return null; }
                w.WriteString(pair[..colon], pair[(colon + 1)..]);
            }
            w.WriteEndObject();
        }
        using var ltsv = JsonDocument.Parse(ms.ToArray());
        return ltsv.RootElement.Clone();
    }

    private static readonly string[] ZonedFormats =
    [
        "dd/MMM/yyyy:HH:mm:ss zzz", "[dd/MMM/yyyy:HH:mm:ss zzz]", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss zzz",
    ];

    private static readonly string[] LocalFormats =
        ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    /// <summary>Epoch seconds, ISO 8601, MySQL-style or Apache access-log time; zone-less times are in <paramref name="zone"/>.</summary>
    public static bool TryParseTime(string raw, TimeSpan zone, out DateTimeOffset time)
    {
        var s = raw.Trim();
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var epoch) && epoch > 1e8 && epoch < 1e11)
        {
            time = DateTimeOffset.FromUnixTimeMilliseconds((long)(epoch * 1000));
            return true;
        }
        if (DateTime.TryParseExact(s, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            time = new DateTimeOffset(local, zone);
            return true;
        }
        return DateTimeOffset.TryParseExact(s, ZonedFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    private DateTimeOffset WindowStart(DateTimeOffset time)
    {
        var local = time.ToOffset(_config.TimeZoneOffset);
        var ticks = local.DateTime.Ticks / _config.Window.Ticks * _config.Window.Ticks;
        return new DateTimeOffset(new DateTime(ticks), _config.TimeZoneOffset);
    }

    private static string Expand(string template, Dictionary<string, string> captures, DateTimeOffset w)
    {
        var sb = new StringBuilder(template);
        foreach (var (k, v) in captures) sb.Replace("{" + k + "}", v);
        return sb.Replace("{yyyy}", w.Year.ToString("D4", CultureInfo.InvariantCulture)).Replace("{MM}", w.Month.ToString("D2", CultureInfo.InvariantCulture))
            .Replace("{dd}", w.Day.ToString("D2", CultureInfo.InvariantCulture)).Replace("{HH}", w.Hour.ToString("D2", CultureInfo.InvariantCulture))
            .Replace("{mm}", w.Minute.ToString("D2", CultureInfo.InvariantCulture)).ToString();
    }

    private Writer Open(string bucket, string obj, DateTimeOffset window)
    {
        // A window reopened after it was closed (late lines) gets a numbered part, never appended gzip members.
        var key = bucket + "/" + obj;
        var part = _parts.GetValueOrDefault(key);
        _parts[key] = part + 1;
        if (part > 0) obj = obj[..^".json.gz".Length] + $"-{part}.json.gz";
        var local = Path.Combine(_outDir, bucket, obj.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        // Written beside the target and renamed when the window closes: a killed run never leaves a
        // cut gzip object where a loader would pick it up.
        var partial = Path.Combine(Path.GetDirectoryName(local)!, "." + Path.GetFileName(local) + ".partial");
        var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None);
        return new Writer { Bucket = bucket, Object = obj, LocalPath = local, PartialPath = partial, Window = window, File = file, Gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true) };
    }

    private void CloseOlderThan(DateTimeOffset limit)
    {
        foreach (var (key, w) in _open.Where(kv => kv.Value.Window < limit).ToList())
        {
            Close(w);
            _open.Remove(key);
        }
    }

    private void Close(Writer w)
    {
        w.Gzip.Dispose();
        w.File.Flush(flushToDisk: true);
        w.File.Dispose();
        File.Move(w.PartialPath, w.LocalPath, overwrite: true);
        _done.Add(new RoutedObject(w.Bucket, w.Object, w.LocalPath, w.Window, w.Rows));
    }

    private void Problem(string file, long line, string rule, string preview, string detail)
    {
        ProblemCount++;
        if (Problems.Count < 200) Problems.Add(new RouteProblem(file, line, rule, preview, detail));
    }

    public RouteReport Finish()
    {
        foreach (var w in _open.Values) Close(w);
        _open.Clear();
        return new RouteReport(_done.OrderBy(o => o.Bucket, StringComparer.Ordinal).ThenBy(o => o.Object, StringComparer.Ordinal).ToList(),
            LinesRead, LinesRouted, ProblemCount, Problems.ToList());
    }

    public void Dispose()
    {
        // Only an unfinished (cancelled or failed) run has open writers left: drop their partial files.
        foreach (var w in _open.Values)
        {
            w.Gzip.Dispose();
            w.File.Dispose();
            try { File.Delete(w.PartialPath); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* the run's own error matters more */ }
        }
        _open.Clear();
    }
}

/// <summary>What the router wrote and what it could not place.</summary>
public sealed record RouteReport(IReadOnlyList<RoutedObject> Objects, long LinesRead, long LinesRouted, long ProblemCount, IReadOnlyList<RouteProblem> Problems) : IMimeRenderable
{
    public Table ToTable()
    {
        var t = new Table(new[] { new TableColumn("bucket"), new TableColumn("object"), new TableColumn("window"), new TableColumn("rows", Alignment.Right) })
        { Title = $"{LinesRouted} of {LinesRead} lines routed into {Objects.Count} objects, {ProblemCount} problem(s)" };
        foreach (var o in Objects) t.AddRow(o.Bucket, o.Object, o.WindowStart.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture), o.Rows);
        return t;
    }

    public MimeBundle ToMimeBundle()
    {
        var bundle = ToTable().ToMimeBundle();
        if (Problems.Count == 0) return bundle;
        var p = new Table("file", "line", "rule", "preview", "detail") { MaxRows = 20, Title = "lines not routed" };
        foreach (var x in Problems) p.AddRow(Path.GetFileName(x.File), x.Line, x.Rule, x.Preview, x.Detail);
        return new MimeBundle(bundle.PlainText + "\n" + p.ToPlainText()).With(MimeTypes.Html, bundle[MimeTypes.Html] + p.ToHtml());
    }

    public override string ToString() => ToMimeBundle().PlainText;
}
