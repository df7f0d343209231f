namespace Ops.Memory;

/// <summary>
/// Memory of a pre-fork worker pool on one server: each worker holds <see cref="BaseMb"/> of its
/// own after fork and grows by <see cref="GrowthMbPerRequest"/> for every request it serves until
/// it is recycled after <see cref="LifetimeSeconds"/>. Shared (copy-on-write) memory is counted once
/// per server in <see cref="SharedMb"/>. This is why, as the memory alert case warns, cutting workers to 2/3 does
/// not cut memory to 2/3: the remaining workers serve more requests each and grow further.
/// </summary>
public sealed record WorkerMemoryModel(
    int Workers,
    double BaseMb,
    double GrowthMbPerRequest,
    double RequestsPerSecond,
    double LifetimeSeconds,
    double SharedMb = 0)
{
    /// <summary>Requests one worker serves over its lifetime.</summary>
    public double RequestsPerWorker => Workers <= 0 ? 0 : RequestsPerSecond * LifetimeSeconds / Workers;

    /// <summary>Private memory of one worker at the end of its lifetime.</summary>
    public double PerWorkerMb => BaseMb + GrowthMbPerRequest * RequestsPerWorker;

    /// <summary>Memory of the whole pool on the server: shared once plus every worker's private memory.</summary>
    public double TotalMb => SharedMb + Workers * PerWorkerMb;

    /// <summary>
    /// Estimates growth per request from the kill reports: each killed worker grew from
    /// <paramref name="baseMb"/> to its PRIV over its age while serving requestsPerSecond/workers per second.
    /// Lifetime is the median age of the killed workers; shared memory the median SHAR.
    /// </summary>
    public static WorkerMemoryModel FromKillReports(IEnumerable<KillReport> reports, int workers, double requestsPerSecond, double baseMb)
    {
        var killed = reports.SelectMany(r => r.Killed.Select(p => (Age: p.AgeAt(r.At).TotalSeconds, p.PrivMb, p.SharMb))).Where(k => k.Age > 0).ToList();
        if (killed.Count == 0) throw new ArgumentException("no killed worker with a START before its report: cannot estimate growth", nameof(reports));
        if (workers <= 0 || requestsPerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(workers), "workers and requests per second must be positive");
        var perWorkerRate = requestsPerSecond / workers;
        var growth = Statistics.Median(killed.Select(k => Math.Max(0, k.PrivMb - baseMb) / k.Age / perWorkerRate));
        var lifetime = Statistics.Median(killed.Select(k => k.Age));
        return new WorkerMemoryModel(workers, baseMb, growth, requestsPerSecond, lifetime, Statistics.Median(killed.Select(k => k.SharMb)));
    }
}
