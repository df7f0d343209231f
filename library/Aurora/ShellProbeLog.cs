using System.Globalization;
using System.Text.RegularExpressions;

namespace Ops.Aurora;

/// <summary>
/// Reads the classic shell probe loop's log as a run of one role:
/// <code>
/// while true; do date -u '+%Y-%m-%dT%H:%M:%S.%3NZ'; mysql --connect-timeout=1 -h "$ENDPOINT" -e 'UPDATE test SET col=UNIX_TIMESTAMP()' aurora_test 2>&amp;1; sleep 1; done
/// </code>
/// Each time line starts an attempt; the attempt failed when an <c>ERROR nnnn (SQLSTATE): ...</c> line
/// follows it, else it succeeded (query output and client warnings are ignored). Time lines may be ISO 8601,
/// <c>date '+%F %T'</c>, plain <c>date</c> (<c>Wed Dec  2 05:45:21 UTC 2026</c>, zone UTC/GMT/JST/KST or a numeric
/// offset). Epoch seconds are not accepted: the reader's <c>SELECT col</c> prints such numbers.
/// </summary>
public static partial class ShellProbeLog
{
    public static ProbeRun Load(string path, ProbeRole role = ProbeRole.Writer)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such probe log file", path);
        using var reader = new StreamReader(path);
        return Parse(reader, path, role) with { Label = Path.GetFileNameWithoutExtension(path) };
    }

    public static ProbeRun ParseText(string text, ProbeRole role = ProbeRole.Writer, string source = "<text>") =>
        Parse(new StringReader(text), source, role);

    public static ProbeRun Parse(TextReader reader, string source, ProbeRole role = ProbeRole.Writer)
    {
        var attempts = new List<ProbeAttempt>();
        DateTimeOffset? at = null;
        (int Code, string? State, string Message)? error = null;
        long number = 0;
        string? line;
        void Close()
        {
            if (at is not { } t) return;
            attempts.Add(new ProbeAttempt
            {
                Role = role, Sequence = attempts.Count, ScheduledAt = t, StartedAt = t,
                Outcome = error is { } e ? Outcome(e.Code, e.Message) : AttemptOutcome.Ok,
                ErrorCode = error?.Code, SqlState = error?.State, Message = error?.Message,
            });
            at = null;
            error = null;
        }
        while ((line = reader.ReadLine()) != null)
        {
            number++;
            if (line.Length > 4096) line = line[..4096]; // a runaway line is output, not a time
            var text = line.Trim();
            if (text.Length == 0) continue;
            if (Time(text) is { } time)
            {
                Close();
                at = time;
                continue;
            }
            if (ErrorLine().Match(text) is { Success: true } m)
            {
                if (at is null) throw new InvalidDataException($"{source}:{number}: ERROR line before any time line; expected the loop to print `date` before each mysql call (see docs/aurora.md)");
                error ??= (int.Parse(m.Groups["code"].Value, CultureInfo.InvariantCulture), m.Groups["state"].Success ? m.Groups["state"].Value : null, Short(text));
                continue;
            }
            if (at is null && attempts.Count == 0)
                throw new InvalidDataException($"{source}:{number}: not a probe loop log: expected a `date` line first, got '{Short(text)}' (see docs/aurora.md for the loop)");
            // Query output ("col", "1560304800") and client warnings belong to the attempt and do not fail it.
        }
        Close();
        if (attempts.Count == 0) throw new InvalidDataException($"{source}: no time lines, so no attempts: not a probe loop log (see docs/aurora.md for the loop)");
        if (attempts.Zip(attempts.Skip(1)).Any(p => p.Second.StartedAt < p.First.StartedAt))
            throw new InvalidDataException($"{source}: time goes backwards between attempts; record with date -u so the zone cannot change");
        var gaps = attempts.Zip(attempts.Skip(1)).Select(p => (p.Second.StartedAt - p.First.StartedAt).TotalMilliseconds).Order().ToList();
        return new ProbeRun
        {
            Label = Path.GetFileNameWithoutExtension(source),
            StartedAt = attempts[0].StartedAt,
            IntervalMs = gaps.Count == 0 ? 0 : gaps[gaps.Count / 2],
            Attempts = attempts,
        };
    }

    /// <summary>The mysql/mariadb client's error code (and, for 2002/2003, the errno in parentheses) as an outcome.</summary>
    public static AttemptOutcome Outcome(int code, string message) => code switch
    {
        1290 or 1836 => AttemptOutcome.ReadOnly,
        1044 or 1045 or 1698 => AttemptOutcome.Auth,
        2002 or 2003 when Errno(message) is 111 => AttemptOutcome.Refused,
        2002 or 2003 when Errno(message) is 110 or 115 or 4 => AttemptOutcome.Timeout,
        2013 when message.Contains("timed out", StringComparison.OrdinalIgnoreCase) => AttemptOutcome.Timeout,
        _ => AttemptOutcome.Other,
    };

    private static int? Errno(string message) =>
        TrailingErrno().Match(message) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF zzz", "yyyy-MM-dd HH:mm:ss zzz", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss",
    ];

    private static readonly Dictionary<string, TimeSpan> Zones = new(StringComparer.Ordinal)
    {
        ["UTC"] = TimeSpan.Zero, ["GMT"] = TimeSpan.Zero, ["Z"] = TimeSpan.Zero, ["JST"] = TimeSpan.FromHours(9), ["KST"] = TimeSpan.FromHours(9),
    };

    /// <summary>The time of a time line, or null when the line is something else.</summary>
    internal static DateTimeOffset? Time(string text)
    {
        var c = CultureInfo.InvariantCulture;
        if (char.IsAsciiDigit(text[0]))
        {
            // Epoch seconds are not time lines: the reader's SELECT prints UNIX_TIMESTAMP() values.
            return DateTimeOffset.TryParseExact(text, IsoFormats, c, DateTimeStyles.AssumeUniversal, out var iso) ? iso : null;
        }
        // date(1) in the C locale: "Wed Dec  2 05:45:21 UTC 2026" or with a numeric zone.
        var m = DateLine().Match(text);
        if (!m.Success) return null;
        var zone = m.Groups["zone"].Value;
        TimeSpan offset;
        if (Zones.TryGetValue(zone, out var known)) offset = known;
        else if (NumericZone().Match(zone) is { Success: true } z)
            offset = new TimeSpan(int.Parse(z.Groups[2].Value, c), int.Parse(z.Groups[3].Value, c), 0) * (z.Groups[1].Value == "-" ? -1 : 1);
        else throw new InvalidDataException($"time zone '{zone}' in '{text}' is not known; record with `date -u` or `date -Iseconds`");
        var clock = $"{m.Groups["mon"].Value} {m.Groups["day"].Value} {m.Groups["year"].Value} {m.Groups["time"].Value}";
        if (!DateTime.TryParseExact(clock, ["MMM d yyyy HH:mm:ss", "MMM d yyyy HH:mm:ss.FFFFFFF"], c, DateTimeStyles.None, out var local)) return null;
        return new DateTimeOffset(local, offset);
    }

    private static string Short(string s) => s.Length <= 200 ? s : s[..197] + "...";

    [GeneratedRegex(@"^ERROR (?<code>\d{4,5})(?: \((?<state>[0-9A-Z]{5})\))?(?: at line \d+)?: ")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"\((\d{1,3})\)\s*$")]
    private static partial Regex TrailingErrno();

    [GeneratedRegex(@"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?<mon>[A-Z][a-z]{2}) +(?<day>\d{1,2}) (?<time>\d{2}:\d{2}:\d{2}(?:\.\d+)?) (?<zone>[A-Z]{1,5}|[+-]\d{4}) (?<year>\d{4})$")]
    private static partial Regex DateLine();

    [GeneratedRegex(@"^([+-])(\d{2})(\d{2})$")]
    private static partial Regex NumericZone();
}
