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
    /// Reads one host's samples: timestamped vmstat, <c>vmstat -t</c> or <c>sar -r</c>
    /// text, told apart by their headers. The host is the file's <c># host: NAME</c> line or sar's
    /// header, else the file name without extension.
    /// </summary>
    public static HostSeries Load(string path, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path), Path.GetFileNameWithoutExtension(path), cancellationToken);
    }

    /// <summary>Reads samples from a stream; <paramref name="defaultHost"/> is used when the text names none.</summary>
    public static HostSeries Read(TextReader reader, string source, string defaultHost, CancellationToken cancellationToken = default)
    {
        var token = Cancellation.Or(cancellationToken);
        var lines = new LineReader(reader, source);
        var parser = new MemoryTextParser(lines);
        var series = new HostSeries(defaultHost, 4096);
        while (parser.Next(out var sample))
        {
            series.Add(sample);
            if ((series.Count & 0xFFFF) == 0) token.ThrowIfCancellationRequested();
        }
        series.Host = parser.Host ?? defaultHost; // a header may name the host anywhere before the samples end
        return series;
    }

    /// <summary>Every regular file of <paramref name="directory"/> (not hidden), one host each, ordered by host.</summary>
    public static IReadOnlyList<HostSeries> LoadDirectory(string directory, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"{directory}: no such directory (give the folder holding one vmstat or sar file per host)");
        var files = Directory.GetFiles(directory).Where(f => !Path.GetFileName(f).StartsWith('.')).OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new FileNotFoundException($"{directory}: no files (expected one vmstat or sar -r file per host)");
        var hosts = files.Select(f => Load(f, cancellationToken)).ToList();
        var duplicate = hosts.GroupBy(h => h.Host).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null) throw new InvalidDataException($"{directory}: host {duplicate.Key} appears in {duplicate.Count()} files; merge them or fix the # host: lines");
        return hosts.OrderBy(h => h.Host, StringComparer.Ordinal).ToList();
    }

    public override string ToString() => $"{Host}: {Count} samples" + (Count > 0 ? $" {First:yyyy-MM-dd HH:mm:ss} .. {Last:yyyy-MM-dd HH:mm:ss}" : "");
}
