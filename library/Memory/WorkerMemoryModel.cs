namespace Ops.Memory;

/// <summary>
/// Memory of a pre-fork worker pool on one server, as copy-on-write splits it: <see cref="SharedMb"/>
/// (pages shared with the parent) counted once per server, and per worker its private memory:
/// <see cref="BaseMb"/> after fork, <see cref="PrivateDataMb"/> of data each worker loads for itself
/// (held however many requests it serves), and <see cref="GrowthMbPerRequest"/> for every request it
/// serves until it is recycled after <see cref="LifetimeSeconds"/>. Cutting workers removes their private
/// copies; only the per-request growth moves to the remaining workers, so memory falls less than the
/// worker count when growth dominates and nearly in proportion when private copies do.
/// </summary>
public sealed record WorkerMemoryModel(
    int Workers,
    double BaseMb,
    double GrowthMbPerRequest,
    double RequestsPerSecond,
    double LifetimeSeconds,
    double SharedMb = 0,
    double PrivateDataMb = 0)
{
    /// <summary>Requests one worker serves over its lifetime.</summary>
    public double RequestsPerWorker => Workers <= 0 ? 0 : RequestsPerSecond * LifetimeSeconds / Workers;

    /// <summary>Private memory of one worker at the end of its lifetime.</summary>
    public double PerWorkerMb => BaseMb + PrivateDataMb + GrowthMbPerRequest * RequestsPerWorker;

    /// <summary>Memory of the whole pool on the server: shared once plus every worker's private memory.</summary>
    public double TotalMb => SharedMb + Workers * PerWorkerMb;

    /// <summary>
    /// Estimates the model from the kill reports: each killed worker's PRIV is <paramref name="baseMb"/> plus
    /// <paramref name="privateDataMb"/> (data it loaded for itself, e.g. the median sudden drop) plus what it grew
    /// over its age while serving requestsPerSecond/workers per second. Lifetime is the median age of the killed
    /// workers; shared memory the median SHAR.
    /// </summary>
    public static WorkerMemoryModel FromKillReports(IEnumerable<KillReport> reports, int workers, double requestsPerSecond, double baseMb, double privateDataMb = 0)
    {
        var killed = reports.SelectMany(r => r.Killed.Select(p => (Age: p.AgeAt(r.At).TotalSeconds, p.PrivMb, p.SharMb))).Where(k => k.Age > 0 && !double.IsNaN(k.PrivMb)).ToList();
        if (killed.Count == 0) throw new ArgumentException("no killed worker with a START before its report: cannot estimate growth", nameof(reports));
        if (workers <= 0 || requestsPerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(workers), "workers and requests per second must be positive");
        var perWorkerRate = requestsPerSecond / workers;
        var growth = Statistics.Median(killed.Select(k => Math.Max(0, k.PrivMb - baseMb - privateDataMb) / k.Age / perWorkerRate));
        var lifetime = Statistics.Median(killed.Select(k => k.Age));
        return new WorkerMemoryModel(workers, baseMb, growth, requestsPerSecond, lifetime, Statistics.Median(killed.Select(k => k.SharMb)), privateDataMb);
    }
}
