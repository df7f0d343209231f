namespace Ops.Memory;

/// <summary>
/// The memory samples of one host in time order, stored column-wise so a day of per-second
/// samples for a hundred hosts stays compact.
/// </summary>
public sealed class HostSeries
{
    private DateTime[] _times;
    private long[] _free;
    private long[] _buffers;
    private long[] _cache;
    private long[] _available;

    public HostSeries(string host, int capacity = 1024)
    {
        Host = host;
        capacity = Math.Max(16, capacity);
        _times = new DateTime[capacity];
        _free = new long[capacity];
        _buffers = new long[capacity];
        _cache = new long[capacity];
        _available = new long[capacity];
    }

    public HostSeries(string host, IEnumerable<MemorySample> samples) : this(host)
    {
        foreach (var s in samples) Add(s);
    }

    public string Host { get; private set; }
    public int Count { get; private set; }

    /// <summary>True when samples were added out of time order (they are sorted on first read).</summary>
    private bool _unsorted;

    public void Add(in MemorySample s)
    {
        if (Count == _times.Length) Grow();
        if (Count > 0 && s.Time < _times[Count - 1]) _unsorted = true;
        _times[Count] = s.Time;
        _free[Count] = s.FreeKb;
        _buffers[Count] = s.BuffersKb;
        _cache[Count] = s.CacheKb;
        _available[Count] = s.AvailableKb;
        Count++;
    }

    private void Grow()
    {
        var n = _times.Length * 2;
        Array.Resize(ref _times, n);
        Array.Resize(ref _free, n);
        Array.Resize(ref _buffers, n);
        Array.Resize(ref _cache, n);
        Array.Resize(ref _available, n);
    }

    private void EnsureSorted()
    {
        if (!_unsorted) return;
        var order = Enumerable.Range(0, Count).OrderBy(i => _times[i]).ToArray();
        _times = order.Select(i => _times[i]).ToArray();
        _free = order.Select(i => _free[i]).ToArray();
        _buffers = order.Select(i => _buffers[i]).ToArray();
        _cache = order.Select(i => _cache[i]).ToArray();
        _available = order.Select(i => _available[i]).ToArray();
        _unsorted = false;
    }

    public ReadOnlySpan<DateTime> Times { get { EnsureSorted(); return _times.AsSpan(0, Count); } }
    public ReadOnlySpan<long> FreeKb { get { EnsureSorted(); return _free.AsSpan(0, Count); } }
    public ReadOnlySpan<long> AvailableKb { get { EnsureSorted(); return _available.AsSpan(0, Count); } }

    public MemorySample this[int index]
    {
        get
        {
            EnsureSorted();
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return new MemorySample(_times[index], _free[index], _buffers[index], _cache[index], _available[index]);
        }
    }

    public IEnumerable<MemorySample> Samples
    {
        get { for (var i = 0; i < Count; i++) yield return this[i]; }
    }

    public DateTime? First => Count == 0 ? null : Times[0];
    public DateTime? Last => Count == 0 ? null : Times[Count - 1];

    /// <summary>The samples with <paramref name="from"/> ≤ time &lt; <paramref name="to"/>.</summary>
    public HostSeries Slice(DateTime from, DateTime to)
    {
        var times = Times;
        var lo = LowerBound(times, from);
        var hi = LowerBound(times, to);
        var slice = new HostSeries(Host, hi - lo);
        for (var i = lo; i < hi; i++) slice.Add(this[i]);
        return slice;
    }

    private static int LowerBound(ReadOnlySpan<DateTime> times, DateTime t)
    {
        int lo = 0, hi = times.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (times[mid] < t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// Reads one host's samples: timestamped vmstat, <c>vmstat -t</c> or <c>sar -r</c> text, told apart by
    /// their headers. The host is the file's <c># host: NAME</c> line or sar's header, else the file name
    /// without extension. <paramref name="unit"/> is vmstat's <c>-S</c> unit (sar is always kB).
    /// </summary>
    public static HostSeries Load(string path, CancellationToken cancellationToken = default, VmstatUnit unit = VmstatUnit.KiB)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path), Path.GetFileNameWithoutExtension(path), cancellationToken, unit);
    }

    /// <summary>Reads samples from a stream; <paramref name="defaultHost"/> is used when the text names none.</summary>
    public static HostSeries Read(TextReader reader, string source, string defaultHost, CancellationToken cancellationToken = default, VmstatUnit unit = VmstatUnit.KiB) =>
        ReadOrSkip(reader, source, defaultHost, cancellationToken, unit, skipOther: false)!;

    /// <summary>With <paramref name="skipOther"/>, text whose first lines are neither samples nor headers gives null instead of an error.</summary>
    private static HostSeries? ReadOrSkip(TextReader reader, string source, string defaultHost, CancellationToken cancellationToken, VmstatUnit unit, bool skipOther)
    {
        var token = Cancellation.Or(cancellationToken);
        var lines = new LineReader(reader, source);
        var parser = new MemoryTextParser(lines, unit);
        var series = new HostSeries(defaultHost, 4096);
        try
        {
            while (parser.Next(out var sample))
            {
                series.Add(sample);
                if ((series.Count & 0xFFFF) == 0) token.ThrowIfCancellationRequested();
            }
        }
        catch (MemoryInputException) when (skipOther && series.Count == 0 && parser.Recognized == 0 && parser.LastLineUnrecognized)
        {
            return null;
        }
        series.Host = parser.Host ?? defaultHost; // a header may name the host anywhere before the samples end
        return series;
    }

    /// <summary>
    /// Every regular file of <paramref name="directory"/> (not hidden), one host each, ordered by host. Files that
    /// are not samples (a kill mail, an access log, notes) are skipped and named in <paramref name="notes"/>.
    /// </summary>
    public static IReadOnlyList<HostSeries> LoadDirectory(string directory, CancellationToken cancellationToken = default, VmstatUnit unit = VmstatUnit.KiB,
        ICollection<string>? notes = null) => LoadPaths([directory], cancellationToken, unit, notes);

    /// <summary>
    /// Folders and files: in a folder, files that are not per-host samples are skipped with a note; a file named
    /// on its own must be samples (else the error names file:line). One host per file; a host in two files is refused.
    /// </summary>
    public static IReadOnlyList<HostSeries> LoadPaths(IEnumerable<string> paths, CancellationToken cancellationToken = default, VmstatUnit unit = VmstatUnit.KiB,
        ICollection<string>? notes = null)
    {
        var hosts = new List<(HostSeries Series, string File)>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.GetFiles(path).Where(f => !Path.GetFileName(f).StartsWith('.')).OrderBy(f => f, StringComparer.Ordinal).ToList();
                var before = hosts.Count;
                foreach (var f in files)
                {
                    using var reader = new StreamReader(f);
                    var series = ReadOrSkip(reader, Path.GetFileName(f), Path.GetFileNameWithoutExtension(f), cancellationToken, unit, skipOther: true);
                    if (series is null) notes?.Add($"{f}: not vmstat or sar -r samples, skipped");
                    else hosts.Add((series, f));
                }
                if (hosts.Count == before)
                    throw new FileNotFoundException($"{path}: no vmstat or sar -r file (expected one timestamped vmstat, vmstat -t or sar -r file per host)");
            }
            else if (File.Exists(path))
                hosts.Add((Load(path, cancellationToken, unit), path));
            else
                throw new FileNotFoundException($"{path}: no such file or directory (give the folder holding one vmstat or sar file per host, or the files)", path);
        }
        var duplicate = hosts.GroupBy(h => h.Series.Host).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null)
            throw new InvalidDataException($"host {duplicate.Key} appears in {duplicate.Count()} files ({string.Join(", ", duplicate.Select(d => d.File))}); merge them or fix the # host: lines");
        return hosts.Select(h => h.Series).OrderBy(h => h.Host, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Hosts whose memory, read in <paramref name="unit"/>, is implausible for a server: under 64 MiB at its
    /// highest (vmstat -S M/m output read as KiB) or over 64 TiB (KiB output read as M).
    /// </summary>
    public static IReadOnlyList<string> UnitWarnings(IEnumerable<HostSeries> hosts, VmstatUnit unit)
    {
        var warnings = new List<string>();
        foreach (var h in hosts.Where(h => h.Count > 0))
        {
            long max = 0;
            foreach (var v in h.AvailableKb) max = Math.Max(max, v);
            if (max < 64 * 1024)
                warnings.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{h.Host}: free + buffers + cache is at most {max / 1024.0:0.#} MB read as vmstat -S {unit.Letter()}: the samples look like another unit (vmstat -S M prints MB); give --unit M (or m)"));
            else if (max > 64L * 1024 * 1024 * 1024)
                warnings.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{h.Host}: free + buffers + cache reaches {max / 1024.0 / 1024 / 1024:0} TB read as vmstat -S {unit.Letter()}: the samples look like another unit; give the unit vmstat printed (--unit K is the default)"));
        }
        return warnings;
    }

    public override string ToString() => $"{Host}: {Count} samples" + (Count > 0 ? $" {First:yyyy-MM-dd HH:mm:ss} .. {Last:yyyy-MM-dd HH:mm:ss}" : "");
}
