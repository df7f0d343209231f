using System.Globalization;

namespace Ops.Memory;

/// <summary>
/// Access logs aggregated per minute: LTSV (<c>time:</c> plus <c>reqtime</c>/<c>request_time</c>/
/// <c>apptime</c>/<c>response_time</c> in seconds or <c>reqtime_microsec</c>/<c>taken</c> in µs) and
/// combined/nginx lines whose last field is the response time (<c>$request_time</c> seconds with a
/// decimal point, or Apache <c>%D</c> microseconds as an integer; <c>rt=</c> also accepted).
/// Times are the clock time written in the log (the offset is ignored) so they line up with vmstat.
/// </summary>
public static class RequestLog
{
    /// <summary>A log file or a folder of them; <paramref name="notes"/> receives each file that held no request.</summary>
    public static IReadOnlyList<RequestMinute> Load(string path, CancellationToken cancellationToken = default, ICollection<string>? notes = null)
    {
        var files = Directory.Exists(path)
            ? Directory.GetFiles(path).Where(f => !Path.GetFileName(f).StartsWith('.')).OrderBy(f => f, StringComparer.Ordinal).ToList()
            : File.Exists(path) ? [path]
            : throw new FileNotFoundException($"{path}: no such request log (LTSV or combined access log with a response-time field)", path);
        var all = new Aggregator();
        foreach (var f in files)
        {
            var before = all.Count;
            using var r = new StreamReader(f);
            Read(r, Path.GetFileName(f), all, cancellationToken);
            if (all.Count == before)
                notes?.Add($"{f}: no request found (expected LTSV lines with time: and a response time, or combined log lines ending with the response time)");
        }
        return all.Minutes();
    }

    public static IReadOnlyList<RequestMinute> Aggregate(TextReader reader, string source = "<input>", CancellationToken cancellationToken = default)
    {
        var agg = new Aggregator();
        Read(reader, source, agg, cancellationToken);
        return agg.Minutes();
    }

    public static IReadOnlyList<RequestMinute> ParseText(string text, string source = "<text>") => Aggregate(new StringReader(text), source);

    /// <summary>One request: its start time and response time in seconds.</summary>
    public readonly record struct Request(DateTime Time, double Seconds);

    /// <summary>The requests of a stream one at a time (blank and <c>#</c> lines skipped).</summary>
    public static IEnumerable<Request> Parse(TextReader reader, string source = "<input>")
    {
        string? line;
        long number = 0;
        while ((line = reader.ReadLine()) != null)
        {
            number++;
            var trimmed = line.AsSpan().Trim();
            if (trimmed.IsEmpty || trimmed[0] == '#') continue;
            yield return ParseLine(line, source, number);
        }
    }

    private static void Read(TextReader reader, string source, Aggregator agg, CancellationToken cancellationToken)
    {
        var token = Cancellation.Or(cancellationToken);
        var n = 0;
        foreach (var r in Parse(reader, source))
        {
            agg.Add(r);
            if ((++n & 0xFFF) == 0) token.ThrowIfCancellationRequested();
        }
    }

    internal static Request ParseLine(string line, string source, long number)
    {
        var t = line.Trim();
        return t.StartsWith("time:", StringComparison.Ordinal) || t.Contains("\ttime:", StringComparison.Ordinal)
            ? Ltsv(t, source, number)
            : Combined(t, source, number);
    }

    private static Request Ltsv(string line, string source, long number)
    {
        DateTime? time = null;
        double? seconds = null;
        foreach (var field in line.Split('\t', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = field.IndexOf(':');
            if (colon <= 0) throw new MemoryInputException(source, number, $"LTSV field '{Short(field)}' has no label", "fields are label:value separated by tabs");
            var label = field[..colon].Trim();
            var value = field[(colon + 1)..].Trim();
            switch (label)
            {
                case "time": time = Time(value, source, number); break;
                case "reqtime" or "request_time" or "response_time" or "apptime" when seconds is null || label != "apptime":
                    if (value != "-") seconds = Number(value, label, source, number); break;
                case "reqtime_microsec" or "taken" or "taken_usec" when seconds is null:
                    seconds = Number(value, label, source, number) / 1e6; break;
            }
        }
        if (time is null) throw new MemoryInputException(source, number, "LTSV line without a time: field");
        if (seconds is null) throw new MemoryInputException(source, number, "LTSV line without a response time", "expected reqtime, request_time, apptime, response_time or reqtime_microsec");
        return new Request(time.Value, seconds.Value);
    }

    private static Request Combined(string line, string source, long number)
    {
        var open = line.IndexOf('[');
        var close = open < 0 ? -1 : line.IndexOf(']', open);
        if (open < 0 || close < 0)
            throw new MemoryInputException(source, number, $"not an access log line: '{Short(line)}'", "expected LTSV with time: or a combined log with [dd/Mon/yyyy:HH:mm:ss zone]");
        var time = Time(line[(open + 1)..close], source, number);
        var tail = line[(close + 1)..].TrimEnd();
        var last = tail[(tail.LastIndexOfAny([' ', '\t', '"']) + 1)..];
        if (last.StartsWith("rt=", StringComparison.Ordinal)) last = last[3..];
        if (last.Length == 0 || !char.IsAsciiDigit(last[0]))
            throw new MemoryInputException(source, number, $"access log line without a response time at the end (last field '{Short(last)}')",
                "append $request_time (nginx) or %D (Apache) to the log format");
        var seconds = Number(last, "response time", source, number);
        if (!last.Contains('.')) seconds /= 1e6; // Apache %D is microseconds
        return new Request(time, seconds);
    }

    private static readonly string[] TimeFormats =
        ["dd/MMM/yyyy:HH:mm:ss zzz", "dd/MMM/yyyy:HH:mm:ss", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss"];

    private static DateTime Time(string text, string source, long number)
    {
        var t = text.Trim().Trim('[', ']');
        // "+0900" → "+09:00" so zzz accepts it.
        if (t.Length > 5 && (t[^5] == '+' || t[^5] == '-') && t[^6] == ' ') t = t[..^2] + ":" + t[^2..];
        if (DateTimeOffset.TryParseExact(t, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto))
            return dto.DateTime;
        throw new MemoryInputException(source, number, $"time '{Short(text)}' is not [dd/Mon/yyyy:HH:mm:ss zone] or ISO 8601");
    }

    private static double Number(string text, string label, string source, long number) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 ? v
            : throw new MemoryInputException(source, number, $"{label} '{Short(text)}' is not a non-negative number");

    private static string Short(string s) => s.Length <= 60 ? s : s[..57] + "...";

    /// <summary>Per-minute buckets of response times.</summary>
    private sealed class Aggregator
    {
        private readonly Dictionary<DateTime, List<double>> _buckets = new();

        /// <summary>Requests added so far.</summary>
        public long Count { get; private set; }

        public void Add(Request r)
        {
            Count++;
            var minute = new DateTime(r.Time.Ticks - r.Time.Ticks % TimeSpan.TicksPerMinute, r.Time.Kind);
            if (!_buckets.TryGetValue(minute, out var list)) _buckets[minute] = list = new List<double>();
            list.Add(r.Seconds);
        }

        public IReadOnlyList<RequestMinute> Minutes() =>
            _buckets.OrderBy(b => b.Key).Select(b =>
            {
                b.Value.Sort();
                return new RequestMinute(b.Key, b.Value.Count, b.Value.Average(), Statistics.Percentile(b.Value, 0.95));
            }).ToList();
    }
}
