using System.Globalization;
using Ops.Display;

namespace Ops.Memory;

/// <summary>
/// Shared versus private memory of workers. Summing RSS counts shared pages once per worker; for
/// one pool on one server the real footprint is the shared pages once plus every worker's private
/// pages (<see cref="FootprintMb"/>; meaningless when the workers come from several servers).
/// </summary>
public sealed record CopyOnWriteReport(
    IReadOnlyList<WorkerMemory> Workers,
    double RssSumMb,
    double SharedMb,
    double PrivateSumMb,
    double FootprintMb,
    double MedianSharedPercent,
    double MedianPrivateMb)
{
    public Table ToTable()
    {
        var t = new Table(new TableColumn[] { new("pid", Alignment.Right), new("cmd"), new("rss MB", Alignment.Right), new("shared MB", Alignment.Right),
            new("private MB", Alignment.Right), new("shared %", Alignment.Right) })
        { Title = string.Create(CultureInfo.InvariantCulture, $"Copy-on-write: {Workers.Count} workers, median {MedianSharedPercent:0.#} % shared, median {MedianPrivateMb:0} MB private each") };
        foreach (var w in Workers) t.AddRow(w.Pid, w.Command, w.RssMb, w.SharedMb, w.PrivateMb, w.SharedPercent);
        return t;
    }
}

/// <summary>What loading data in the parent before fork saves (the fix for <c>$CACHE->{master}</c> in the memory alert case).</summary>
public sealed record PreloadSaving(int Workers, double DataMb, double LazyMb, double PreloadedMb)
{
    /// <summary>Memory saved per server: every worker's private copy but one shared copy.</summary>
    public double SavedMb => LazyMb - PreloadedMb;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Loading the {DataMb:0} MB in the parent before fork: {Workers} private copies ({LazyMb:0} MB) become one shared copy ({PreloadedMb:0} MB), saving {SavedMb:0} MB per server while workers only read it.");
}

public static class CopyOnWrite
{
    public static CopyOnWriteReport Analyse(IEnumerable<WorkerMemory> workers)
    {
        var list = workers.ToList();
        if (list.Count == 0) throw new ArgumentException("no workers to analyse", nameof(workers));
        var rss = list.Sum(w => w.RssMb);
        // Pages shared by the pool: at most what the largest sharer sees as shared.
        var shared = list.Max(w => w.SharedMb);
        var priv = list.Sum(w => w.PrivateMb);
        return new CopyOnWriteReport(list, Math.Round(rss, 1), Math.Round(shared, 1), Math.Round(priv, 1), Math.Round(shared + priv, 1),
            Statistics.Median(list.Select(w => w.SharedPercent)), Math.Round(Statistics.Median(list.Select(w => w.PrivateMb)), 1));
    }

    /// <summary>From the workers named in kill reports.</summary>
    public static CopyOnWriteReport FromKillReports(IEnumerable<KillReport> reports) =>
        Analyse(reports.SelectMany(r => r.Killed).Select(WorkerMemory.From));

    /// <summary>
    /// Data of <paramref name="dataMb"/> loaded lazily inside each of <paramref name="workers"/> workers is
    /// held <paramref name="workers"/> times; loaded once in the parent before fork it is shared by all.
    /// </summary>
    public static PreloadSaving Preload(int workers, double dataMb)
    {
        if (workers <= 0) throw new ArgumentOutOfRangeException(nameof(workers), "at least one worker");
        if (dataMb < 0) throw new ArgumentOutOfRangeException(nameof(dataMb), "data size cannot be negative");
        return new PreloadSaving(workers, dataMb, workers * dataMb, dataMb);
    }
}
