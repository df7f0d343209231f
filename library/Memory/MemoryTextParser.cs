using System.Globalization;

namespace Ops.Memory;

/// <summary>
/// The one streaming reader behind <see cref="HostSeries.Read"/> and <see cref="Vmstat.Parse"/>:
/// the memory case's per-second vmstat with a <c>YYYYMMDD HH:MM:SS</c> prefix, <c>vmstat -t</c> (timestamp
/// at the end) and <c>sar -r</c>, told apart line by line from their headers. Extra whitespace is
/// fine; anything else that is not a header, comment or sample is an error naming file:line.
/// </summary>
internal sealed class MemoryTextParser
{
    private readonly LineReader _lines;

    // vmstat: positions among the numeric fields (defaults are the standard `vmstat` layout).
    private int _freeAt = 3, _buffAt = 4, _cacheAt = 5;
    private int _minFields = 6;

    // sar -r
    private bool _sar;
    private DateTime _sarDate;
    private int _sarLastSecond = -1;
    private int _kbFree = -1, _kbAvail = -1, _kbBuffers = -1, _kbCached = -1;

    private int _cachedYmd = -1;
    private DateTime _cachedDate;

    private readonly VmstatUnit _unit;

    public MemoryTextParser(LineReader lines, VmstatUnit unit = VmstatUnit.KiB)
    {
        _lines = lines;
        _unit = unit;
    }

    /// <summary>Host named by the text (a <c># host:</c> line or sar's header), if any.</summary>
    public string? Host { get; private set; }

    /// <summary>Headers and host lines recognised so far: 0 with no sample means the text is something else.</summary>
    public int Recognized { get; private set; }

    /// <summary>The line that failed is not vmstat at all (as opposed to a vmstat sample with a bad field).</summary>
    public bool LastLineUnrecognized { get; private set; }

    public bool Next(out MemorySample sample)
    {
        while (_lines.Next(out var raw))
        {
            var line = raw.Trim();
            if (line.IsEmpty) continue;
            if (_sar ? TrySar(line, out sample) : TryVmstat(line, out sample)) return true;
        }
        sample = default;
        return false;
    }

    private bool TryVmstat(ReadOnlySpan<char> line, out MemorySample sample)
    {
        sample = default;
        var c = line[0];
        if (c == '#') { Comment(line); return false; }
        if ((uint)(c - '0') > 9)
        {
            if (IsVmstatGroupHeader(line)) { Recognized++; return false; }
            if (line.StartsWith("Linux", StringComparison.Ordinal)) { SarHeader(line); Recognized++; return false; }
            if (IsVmstatColumnHeader(line)) { VmstatColumns(line); Recognized++; return false; }
            LastLineUnrecognized = true;
            throw _lines.Error($"not a vmstat line: '{Shorten(line)}'", "expected a header, '# host: NAME' or a sample starting with YYYYMMDD HH:MM:SS or ending with vmstat -t's date and time");
        }

        Span<Range> ranges = stackalloc Range[40];
        var count = Split(line, ranges);
        DateTime time;
        int first, end;
        if (count >= 2 && line[ranges[0]].Length == 8 && line[ranges[1]].Length == 8 && line[ranges[1]][2] == ':')
        {
            time = PrefixTimestamp(line[ranges[0]], line[ranges[1]]);
            first = 2; end = count;
        }
        else if (count >= 3 && line[ranges[count - 1]].Length == 8 && line[ranges[count - 2]].Length == 10 && line[ranges[count - 2]][4] == '-')
        {
            time = IsoTimestamp(line[ranges[count - 2]], line[ranges[count - 1]]);
            first = 0; end = count - 2;
        }
        else
        {
            LastLineUnrecognized = true;
            throw _lines.Error("vmstat sample without a timestamp",
                "record with `vmstat -t 1` or prefix each line with `date +'%Y%m%d %H:%M:%S'`");
        }

        var n = end - first;
        if (n < _minFields)
            throw _lines.Error($"vmstat sample has {n} numeric fields, expected at least {_minFields}");
        long free = 0, buff = 0, cache = 0;
        for (var i = 0; i < n; i++)
        {
            if (!Fields.TryLong(line[ranges[first + i]], out var v))
                throw _lines.Error($"vmstat field {i + 1} '{Shorten(line[ranges[first + i]])}' is not a number");
            if (i == _freeAt) free = v;
            else if (i == _buffAt) buff = v;
            else if (i == _cacheAt) cache = v;
        }
        sample = new MemorySample(time, Kib(free), _buffAt < 0 ? 0 : Kib(buff), _cacheAt < 0 ? 0 : Kib(cache));
        return true;
    }

    /// <summary>A vmstat value in KiB (vmstat -S k: 1000 bytes, K: 1024, m: 1000000, M: 1048576).</summary>
    private long Kib(long value) => _unit switch
    {
        VmstatUnit.KiB => value,
        VmstatUnit.MiB => value * 1024,
        VmstatUnit.KB => value * 1000 / 1024,
        _ => value * 1_000_000 / 1024,
    };

    private static int Split(ReadOnlySpan<char> line, Span<Range> ranges)
    {
        var count = 0;
        var i = 0;
        while (i < line.Length)
        {
            while (i < line.Length && Fields.IsSpace(line[i])) i++;
            if (i == line.Length) break;
            var start = i;
            while (i < line.Length && !Fields.IsSpace(line[i])) i++;
            if (count == ranges.Length) return count;
            ranges[count++] = new Range(start, i);
        }
        return count;
    }

    private DateTime PrefixTimestamp(ReadOnlySpan<char> ymd, ReadOnlySpan<char> hms)
    {
        if (!Fields.TryLong(ymd, out var d)) throw _lines.Error($"date '{ymd}' is not YYYYMMDD");
        if (d != _cachedYmd)
        {
            try { _cachedDate = new DateTime((int)(d / 10000), (int)(d / 100 % 100), (int)(d % 100), 0, 0, 0, DateTimeKind.Unspecified); }
            catch (ArgumentOutOfRangeException) { throw _lines.Error($"date '{ymd}' is not a valid YYYYMMDD date"); }
            _cachedYmd = (int)d;
        }
        var seconds = Fields.TimeOfDay(hms);
        if (seconds < 0) throw _lines.Error($"time '{hms}' is not HH:MM:SS");
        return _cachedDate.AddTicks(seconds * TimeSpan.TicksPerSecond);
    }

    private DateTime IsoTimestamp(ReadOnlySpan<char> date, ReadOnlySpan<char> hms)
    {
        if (date[7] != '-' || !Fields.TryLong(date[..4], out var y) || !Fields.TryLong(date[5..7], out var m) || !Fields.TryLong(date[8..], out var d))
            throw _lines.Error($"date '{date}' is not YYYY-MM-DD");
        var key = (int)(y * 10000 + m * 100 + d);
        if (key != _cachedYmd)
        {
            try { _cachedDate = new DateTime((int)y, (int)m, (int)d); }
            catch (ArgumentOutOfRangeException) { throw _lines.Error($"date '{date}' is not a valid date"); }
            _cachedYmd = key;
        }
        var seconds = Fields.TimeOfDay(hms);
        if (seconds < 0) throw _lines.Error($"time '{hms}' is not HH:MM:SS");
        return _cachedDate.AddTicks(seconds * TimeSpan.TicksPerSecond);
    }

    private void Comment(ReadOnlySpan<char> line)
    {
        var body = line[1..].Trim();
        if (body.StartsWith("host:", StringComparison.OrdinalIgnoreCase))
        {
            var name = body[5..].Trim();
            if (name.IsEmpty) throw _lines.Error("'# host:' line without a host name");
            Host = name.ToString();
            Recognized++;
        }
    }

    /// <summary><c>procs -----memory----- ...</c>, or <c>--procs-- -----memory-----</c> with <c>vmstat -w</c>.</summary>
    private static bool IsVmstatGroupHeader(ReadOnlySpan<char> line) =>
        line.StartsWith("procs", StringComparison.Ordinal) || line.StartsWith("--procs", StringComparison.Ordinal)
        || line.Contains("-memory-", StringComparison.Ordinal);

    private static bool IsVmstatColumnHeader(ReadOnlySpan<char> line) =>
        line.Contains(" swpd", StringComparison.Ordinal) || (line.StartsWith("r ", StringComparison.Ordinal) && line.Contains(" free", StringComparison.Ordinal));

    private void VmstatColumns(ReadOnlySpan<char> line)
    {
        var names = line.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        _freeAt = Array.IndexOf(names, "free");
        if (_freeAt < 0) throw _lines.Error("vmstat column header without a 'free' column");
        _buffAt = Array.IndexOf(names, "buff");
        _cacheAt = Array.IndexOf(names, "cache");
        _minFields = Math.Max(_freeAt, Math.Max(_buffAt, _cacheAt)) + 1;
    }

    // ---- sar -r ----

    private void SarHeader(ReadOnlySpan<char> line)
    {
        // Linux 5.10.0-21-amd64 (web01) 	06/14/2019 	_x86_64_	(8 CPU)
        var text = line.ToString();
        var open = text.IndexOf('(');
        var close = open < 0 ? -1 : text.IndexOf(')', open);
        if (open < 0 || close < 0) throw _lines.Error("sar header without '(host)'");
        Host = text[(open + 1)..close].Trim();
        var rest = text[(close + 1)..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        string[] formats = ["MM/dd/yyyy", "MM/dd/yy", "yyyy-MM-dd", "dd/MM/yyyy", "yyyy/MM/dd"];
        foreach (var token in rest)
            if (DateTime.TryParseExact(token, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                _sarDate = date;
                _sar = true;
                _sarLastSecond = -1;
                return;
            }
        throw _lines.Error("sar header without a date", "expected MM/DD/YYYY or YYYY-MM-DD after the host, as `LC_ALL=C sar -r` prints");
    }

    private bool TrySar(ReadOnlySpan<char> line, out MemorySample sample)
    {
        sample = default;
        if (line.StartsWith("Linux", StringComparison.Ordinal)) { SarHeader(line); return false; }
        if (line.StartsWith("Average", StringComparison.Ordinal) || line.StartsWith("Summary", StringComparison.Ordinal)) return false;
        if (line[0] == '#') { Comment(line); return false; }

        var tokens = line.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var at = 1;
        var seconds = Fields.TimeOfDay(tokens[0]);
        if (seconds < 0) throw _lines.Error($"sar line does not start with HH:MM:SS: '{Shorten(line)}'");
        if (tokens.Length > 1 && (tokens[1] == "AM" || tokens[1] == "PM"))
        {
            var h = seconds / 3600;
            if (tokens[1] == "AM" && h == 12) seconds -= 12 * 3600;
            if (tokens[1] == "PM" && h < 12) seconds += 12 * 3600;
            at = 2;
        }
        if (tokens.Length > at && tokens[at] == "LINUX") return false; // LINUX RESTART
        if (Array.IndexOf(tokens, "kbmemfree") >= 0)
        {
            var names = tokens[at..];
            _kbFree = Array.IndexOf(names, "kbmemfree");
            _kbAvail = Array.IndexOf(names, "kbavail");
            _kbBuffers = Array.IndexOf(names, "kbbuffers");
            _kbCached = Array.IndexOf(names, "kbcached");
            return false;
        }
        if (tokens.Length > at && !char.IsAsciiDigit(tokens[at][0])) return false; // another activity's header (sar -A)
        if (_kbFree < 0) throw _lines.Error("sar sample before a 'kbmemfree' column header", "record with `sar -r`");

        // A sample earlier than the previous one crossed midnight.
        if (_sarLastSecond >= 0 && seconds < _sarLastSecond) _sarDate = _sarDate.AddDays(1);
        _sarLastSecond = seconds;

        long Value(int column)
        {
            if (column < 0) return 0;
            var i = at + column;
            if (i >= tokens.Length) throw _lines.Error($"sar sample has {tokens.Length - at} values, expected at least {column + 1}");
            if (!Fields.TryLong(tokens[i], out var v)) throw _lines.Error($"sar value '{tokens[i]}' in column {column + 1} is not a number");
            return v;
        }
        var free = Value(_kbFree);
        var buffers = Value(_kbBuffers);
        var cached = Value(_kbCached);
        var available = _kbAvail >= 0 ? Value(_kbAvail) : free + buffers + cached;
        sample = new MemorySample(_sarDate.AddSeconds(seconds), free, buffers, cached, available);
        return true;
    }

    private static string Shorten(ReadOnlySpan<char> s) => s.Length <= 60 ? s.ToString() : s[..57].ToString() + "...";
}
