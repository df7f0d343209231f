using System.Globalization;
using System.Text.RegularExpressions;

namespace Ops.Memory;

/// <summary>
/// Reads kills: the watchdog's "KILLED PROCESSES" mails (a single mail, a file of several reports or an
/// mbox), kernel OOM-killer lines and systemd-oomd lines (<see cref="OomKillLines"/>), mixed in one file or
/// a folder. A mail's host comes from a <c>Host:</c>/<c>X-Host:</c> header, else the domain of the
/// <c>From:</c> address (<c>root@web01...</c>); a journal line names its host; otherwise the file name.
/// </summary>
public static partial class KillReports
{
    /// <summary>
    /// The kills of one file. <paramref name="around"/> (the data's last time) gives the year to lines that
    /// have none; <paramref name="notes"/> receives what could not be used (a file with no kill, kill lines
    /// without a clock time).
    /// </summary>
    public static IReadOnlyList<KillReport> Load(string path, CancellationToken cancellationToken = default, DateTime? around = null, ICollection<string>? notes = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such kill report file (give the mail, mbox, dmesg -T or journalctl -k output, or a folder of them)", path);
        using var reader = new StreamReader(path);
        var fileNotes = new List<string>();
        var reports = Parse(reader, Path.GetFileName(path), Path.GetFileNameWithoutExtension(path), cancellationToken, around, fileNotes).ToList();
        if (reports.Count == 0 && fileNotes.Count == 0)
            fileNotes.Add($"{path}: no kill found (expected the watchdog's KILLED PROCESSES mail, kernel 'Out of memory: Killed process' lines from dmesg -T or journalctl -k, or systemd-oomd 'Killed' lines)");
        foreach (var n in fileNotes) notes?.Add(n);
        return reports;
    }

    /// <summary>Every kill in every file of a folder (or the one file), ordered by time.</summary>
    public static IReadOnlyList<KillReport> LoadAll(string path, CancellationToken cancellationToken = default, DateTime? around = null, ICollection<string>? notes = null)
    {
        if (Directory.Exists(path))
            return Directory.GetFiles(path).Where(f => !Path.GetFileName(f).StartsWith('.')).OrderBy(f => f, StringComparer.Ordinal)
                .SelectMany(f => Load(f, cancellationToken, around, notes)).OrderBy(r => r.At).ToList();
        return Load(path, cancellationToken, around, notes).OrderBy(r => r.At).ToList();
    }

    public static IReadOnlyList<KillReport> ParseText(string text, string source = "<text>", string defaultHost = "unknown", DateTime? around = null, ICollection<string>? notes = null) =>
        Parse(new StringReader(text), source, defaultHost, default, around, notes).ToList();

    /// <summary>The kills of a stream in file order, each yielded as it ends.</summary>
    public static IEnumerable<KillReport> Parse(TextReader reader, string source, string defaultHost, CancellationToken cancellationToken = default,
        DateTime? around = null, ICollection<string>? notes = null)
    {
        var token = Cancellation.Or(cancellationToken);
        var state = new ReportState(source, defaultHost);
        var year = around ?? DateTime.Now;
        string? line;
        long number = 0;
        var unplaced = 0;
        string? firstUnplaced = null;
        while ((line = reader.ReadLine()) != null)
        {
            number++;
            if ((number & 0x3FF) == 0) token.ThrowIfCancellationRequested();
            if (line.Length > 4096) line = line[..4096];
            if (OomKillLines.TryParse(line, source, number, defaultHost, year, out var oom, out var note))
            {
                if (oom is not null) yield return oom;
                if (note is not null && unplaced++ == 0) firstUnplaced = note;
                continue;
            }
            var done = state.Feed(line, number);
            if (done != null) yield return done;
        }
        var last = state.Finish();
        if (last != null) yield return last;
        if (firstUnplaced is not null) notes?.Add(unplaced == 1 ? firstUnplaced : $"{firstUnplaced} ({unplaced} such lines)");
    }

    [GeneratedRegex(@"^\[(\d{4})/(\d{2})/(\d{2}) (\d{2}):(\d{2}):(\d{2})\]$")]
    private static partial Regex MailedAtLine();

    [GeneratedRegex(@"^=\s*(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\s*=$")]
    private static partial Regex EventLine();

    [GeneratedRegex(@"^==\s*KILLED PROCESSES\s*(?:\((?<kind>[^)]*)\))?\s*==$")]
    private static partial Regex KilledSection();

    [GeneratedRegex(@"^(?:X-)?Host:\s*(?<host>\S+)", RegexOptions.IgnoreCase)]
    private static partial Regex HostHeader();

    [GeneratedRegex(@"^From:.*@(?<host>[A-Za-z0-9-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex FromHeader();

    private enum Section { None, SystemHeader, SystemValues, KilledHeader, KilledRows }

    /// <summary>Line-by-line state of the report being read.</summary>
    private sealed class ReportState(string source, string defaultHost)
    {
        private string? _headerHost;
        private bool _explicitHost;
        private DateTime? _mailedAt;
        private DateTime? _at;
        private long _atLine;
        private SystemMemory? _system;
        private readonly List<KilledProcess> _killed = new();
        private Section _section;
        private string[] _columns = [];
        private string _kind = "";

        public KillReport? Feed(string raw, long number)
        {
            var line = raw.Trim();
            if (raw.StartsWith("From ", StringComparison.Ordinal))
            {
                // mbox envelope: a new mail begins.
                var done = Finish();
                _headerHost = null; _explicitHost = false; _mailedAt = null;
                return done;
            }
            if (line.Length == 0)
            {
                if (_section == Section.KilledRows) _section = Section.None;
                return null;
            }
            if (HostHeader().Match(line) is { Success: true } h) { _headerHost = h.Groups["host"].Value; _explicitHost = true; return null; }
            if (!_explicitHost && FromHeader().Match(line) is { Success: true } f) { _headerHost = f.Groups["host"].Value; return null; }

            if (MailedAtLine().Match(line) is { Success: true } m)
            {
                var done = Finish();
                _mailedAt = new DateTime(Int(m, 1), Int(m, 2), Int(m, 3), Int(m, 4), Int(m, 5), Int(m, 6));
                return done;
            }
            if (EventLine().Match(line) is { Success: true } e)
            {
                var done = Finish();
                _at = DateTime.ParseExact(e.Groups[1].Value, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
                _atLine = number;
                return done;
            }
            if (line == "KILLED PROCESSES" || line.All(c => c == '=')) return null;
            if (line.StartsWith("== SYSTEM", StringComparison.Ordinal)) { RequireEvent(number, line); _section = Section.SystemHeader; return null; }
            if (KilledSection().Match(line) is { Success: true } k)
            {
                RequireEvent(number, line);
                _kind = k.Groups["kind"].Success ? k.Groups["kind"].Value.Trim() : "";
                _section = Section.KilledHeader;
                return null;
            }

            switch (_section)
            {
                case Section.SystemHeader:
                    _columns = Split(line);
                    if (!_columns.Contains("TOTAL") || !_columns.Contains("FREE"))
                        throw Error(number, $"expected the SYSTEM column header (TOTAL FREE BUFFERS CACHED REALFREE REALFREE%), got '{line}'");
                    _section = Section.SystemValues;
                    return null;
                case Section.SystemValues:
                    _system = ParseSystem(Split(line), number);
                    _section = Section.None;
                    return null;
                case Section.KilledHeader:
                    _columns = Split(line);
                    if (!_columns.Contains("PID") || !_columns.Contains("RSS") || _columns[^1] != "CMD")
                        throw Error(number, $"expected the killed-process column header (STATUS USER PPID PID CHILD RSS PRIV SHAR SHAR% START CMD), got '{line}'");
                    _section = Section.KilledRows;
                    return null;
                case Section.KilledRows:
                    _killed.Add(ParseKilled(line, number));
                    return null;
                default:
                    return null; // mail headers, text around the report
            }
        }

        private void RequireEvent(long number, string line)
        {
            if (_at is null) throw Error(number, $"'{line}' before the report's '= YYYY-MM-DDTHH:MM:SS =' line");
        }

        public KillReport? Finish()
        {
            if (_at is null) return null;
            if (_section is Section.SystemHeader or Section.SystemValues or Section.KilledHeader)
                throw Error(_atLine, "report ends inside a section (a header or value row is missing)");
            if (_system is null) throw Error(_atLine, "report without a '== SYSTEM ==' section");
            var report = new KillReport(_headerHost ?? defaultHost, _mailedAt, _at.Value, _system, _killed.ToList(), source, _atLine);
            _at = null; _system = null; _killed.Clear(); _section = Section.None;
            return report;
        }

        private SystemMemory ParseSystem(string[] values, long number)
        {
            if (values.Length != _columns.Length)
                throw Error(number, $"SYSTEM row has {values.Length} values for {_columns.Length} columns");
            double Get(string name, bool required = true)
            {
                var i = Array.IndexOf(_columns, name);
                if (i < 0) return required ? throw Error(number, $"SYSTEM section has no {name} column") : double.NaN;
                return Number(values[i].TrimEnd('%'), name, number);
            }
            var total = Get("TOTAL");
            var free = Get("FREE");
            var buffers = Get("BUFFERS", false);
            var cached = Get("CACHED", false);
            var realFree = Get("REALFREE", false);
            if (double.IsNaN(realFree)) realFree = free + Zero(buffers) + Zero(cached);
            var pct = Get("REALFREE%", false);
            if (double.IsNaN(pct)) pct = total > 0 ? realFree / total * 100 : 0;
            return new SystemMemory(total, free, Zero(buffers), Zero(cached), realFree, pct);
        }

        private static double Zero(double v) => double.IsNaN(v) ? 0 : v;

        private KilledProcess ParseKilled(string line, long number)
        {
            // CMD is last and may contain spaces: split the fixed columns, keep the rest as the command.
            var fixedCount = _columns.Length - 1;
            var parts = line.Split((char[]?)null, fixedCount + 1, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < _columns.Length)
                throw Error(number, $"killed-process row has {parts.Length} fields, expected {_columns.Length} ({string.Join(' ', _columns)})");
            string Text(string name) { var i = Array.IndexOf(_columns, name); return i < 0 ? "" : parts[i]; }
            int Int(string name)
            {
                var t = Text(name);
                if (t.Length == 0) return 0;
                return int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw Error(number, $"{name} '{t}' is not a whole number");
            }
            double Mb(string name) { var t = Text(name).TrimEnd('%'); return t.Length == 0 ? 0 : Number(t, name, number); }
            var startText = Text("START");
            if (!DateTime.TryParseExact(startText, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
                throw Error(number, $"START '{startText}' is not YYYY-MM-DDTHH:MM:SS");
            var rss = Mb("RSS");
            var shar = Mb("SHAR");
            var sharPct = Array.IndexOf(_columns, "SHAR%") >= 0 ? Mb("SHAR%") : rss > 0 ? shar / rss * 100 : 0;
            return new KilledProcess(Text("STATUS"), Text("USER"), Int("PPID"), Int("PID"), Int("CHILD"),
                rss, Mb("PRIV"), shar, sharPct, start, parts[^1], _kind);
        }

        private double Number(string text, string name, long number) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                : throw Error(number, $"{name} '{text}' is not a number");

        private static string[] Split(string line) => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

        private MemoryInputException Error(long number, string problem) => new(source, number, problem);

        private static int Int(Match m, int g) => int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
    }
}
