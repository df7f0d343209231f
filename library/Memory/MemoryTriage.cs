using System.Globalization;

namespace Ops.Memory;

/// <summary>
/// The investigation over one or many hosts: (1) does memory follow the request count, (2) one
/// server or all of them, (3) sudden jumps or steady creep, ending in a verdict and the next step.
/// The verdict follows one table (docs/memory.md) whose last row catches every remaining case.
/// </summary>
public static class MemoryTriage
{
    public static TriageResult Run(
        IEnumerable<HostSeries> hosts,
        IEnumerable<KillReport>? kills = null,
        IEnumerable<RequestMinute>? requests = null,
        TriageOptions? options = null,
        CancellationToken cancellationToken = default,
        IEnumerable<string>? inputNotes = null)
    {
        options ??= new TriageOptions();
        var token = Cancellation.Or(cancellationToken);
        var from = options.From ?? DateTime.MinValue;
        var to = options.To ?? DateTime.MaxValue;

        var series = hosts.Select(h => options.From is null && options.To is null ? h : h.Slice(from, to))
            .Where(h => h.Count > 0).OrderBy(h => h.Host, StringComparer.Ordinal).ToList();
        if (series.Count == 0)
            throw new InvalidOperationException("no memory samples in the window: check the vmstat folder and --window" + WindowText(options));
        var killList = (kills ?? []).Where(k => k.At >= from && k.At < to).OrderBy(k => k.At).ToList();
        var requestList = (requests ?? []).Where(r => r.Minute >= from && r.Minute < to).OrderBy(r => r.Minute).ToList();

        // Per host: drops and the straight-line trend, in parallel (a day of 1 s samples per host).
        var perHost = new (IReadOnlyList<SuddenDrop> Drops, double Slope, double Min, double Mean)[series.Count];
        Parallel.For(0, series.Count, new ParallelOptions { CancellationToken = token }, i =>
        {
            var s = series[i];
            perHost[i] = (SuddenDrops.Find(s, options.DropThresholdMb, options.DropWindow), AvailableSlopeMbPerHour(s), MinMb(s.AvailableKb), MeanMb(s.AvailableKb));
        });

        var killsByHost = killList.GroupBy(k => k.Host).ToDictionary(g => g.Key, g => g.Count());
        var growth = perHost.Select(p => -p.Slope).ToArray();
        var dropCounts = perHost.Select(p => (double)p.Drops.Count).ToArray();
        var dropped = perHost.Select(p => p.Drops.Sum(d => d.DropMb)).ToArray();
        var killCounts = series.Select(s => (double)killsByHost.GetValueOrDefault(s.Host)).ToArray();
        // Floors keep tiny differences between healthy hosts from looking like outliers.
        var zGrowth = Statistics.RobustZ(growth, options.CreepMbPerHour / 2);
        var zDrops = Statistics.RobustZ(dropCounts, 2);
        var zDropped = Statistics.RobustZ(dropped, options.DropThresholdMb * 2);
        var zKills = Statistics.RobustZ(killCounts, 1);

        var assessments = series.Select((s, i) => new HostAssessment(
            s.Host, s.Count, Math.Round(perHost[i].Min, 1), Math.Round(perHost[i].Mean, 1), Math.Round(growth[i], 1),
            perHost[i].Drops.Count, Math.Round(dropped[i], 1), (int)killCounts[i],
            Math.Round(new[] { zGrowth[i], zDrops[i], zDropped[i], zKills[i] }.Max(), 2)))
            .OrderByDescending(a => a.AnomalyScore).ThenBy(a => a.Host, StringComparer.Ordinal).ToList();
        var drops = perHost.SelectMany(p => p.Drops).OrderBy(d => d.Time).ThenBy(d => d.Host, StringComparer.Ordinal).ToList();
        token.ThrowIfCancellationRequested();

        var correlation = requestList.Count >= 5 ? RequestCorrelation(series, requestList) : (double?)null;
        var notes = (inputNotes ?? []).ToList();
        var evidence = new List<string>();
        var (verdict, nextStep) = Decide(assessments, drops, killList, requests is null ? null : requestList, kills is not null, correlation, options, evidence);
        evidence.AddRange(notes.Select(n => "Input: " + n));
        return new TriageResult(verdict, nextStep, evidence, notes, assessments, drops, killList, requestList, correlation, series, options);
    }

    /// <summary>
    /// The decision table, first matching row wins:
    /// 1 no host shows drops, creep or kills → no-problem;
    /// 2 used memory follows requests (r ≥ TrafficCorrelation) → traffic-driven, with or without kills;
    /// 3 two or more hosts, the affected ones all outliers and at most a quarter of them → single-host;
    /// 4 drops on at least half the hosts → sudden-allocations;
    /// 5 creep on at least half the hosts → gradual-growth;
    /// 6 drops on some hosts, on at least as many as creep → sudden-allocations;
    /// 7 otherwise (creep on fewer than half, or kills while memory neither drops nor creeps) → gradual-growth.
    /// </summary>
    private static (TriageVerdict Verdict, string NextStep) Decide(
        List<HostAssessment> hosts, List<SuddenDrop> drops, List<KillReport> kills, List<RequestMinute>? requests, bool killsGiven,
        double? correlation, TriageOptions options, List<string> evidence)
    {
        var affected = hosts.Where(h => h.Affected(options)).ToList();
        var outliers = hosts.Where(h => h.AnomalyScore >= options.OutlierScore).ToList();
        var creeping = hosts.Where(h => h.GrowthMbPerHour > options.CreepMbPerHour).ToList();
        var withDrops = hosts.Where(h => h.Drops > 0).ToList();
        var n = hosts.Count;
        var follows = correlation is double r0 && r0 >= options.TrafficCorrelation;

        // Question 1: requests.
        if (correlation is double r)
        {
            var counts = requests!.Select(q => q.Count).ToList();
            var says = follows ? "memory follows traffic." : "memory does not follow traffic.";
            evidence.Add(Inv($"Q1 requests: memory use vs requests per minute r = {r:0.00} over {requests!.Count} minutes (requests {counts.Min()}–{counts.Max()}/min, mean response {requests.Average(q => q.MeanSeconds):0.###} s): {says}"));
        }
        else if (requests is null)
            evidence.Add("Q1 requests: no request log, so memory cannot be compared with traffic (give --requests).");
        else
            evidence.Add(Inv($"Q1 requests: the request log has {requests.Count} minutes with requests in the window (at least 5 needed), so memory cannot be compared with traffic."));

        // Question 2: one host or all.
        var top = hosts[0];
        if (n == 1)
            evidence.Add(Inv($"Q2 hosts: only one host ({top.Host}), so it cannot be compared with others; it {(affected.Count == 1 ? "shows drops, creep or kills" : "shows no drops, creep or kills")}."));
        else
        {
            var spread = outliers.Count == 0
                ? Inv($"(none above {options.OutlierScore:0.0}): evenly across hosts.")
                : Inv($"({outliers.Count} above {options.OutlierScore:0.0}: {string.Join(", ", outliers.Select(o => o.Host))}).");
            evidence.Add(Inv($"Q2 hosts: {affected.Count} of {n} hosts show drops, creep or kills; highest anomaly score {top.Host} {top.AnomalyScore:0.0} {spread}"));
        }

        // Question 3: jumps or creep.
        var growthRange = string.Create(CultureInfo.InvariantCulture, $"{hosts.Min(h => h.GrowthMbPerHour):0}..{hosts.Max(h => h.GrowthMbPerHour):0} MB/h");
        evidence.Add(drops.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"Q3 timing: no sudden drops (free memory falling > {options.DropThresholdMb:0} MB within {options.DropWindow.TotalSeconds:0.#} s); used memory trend {growthRange} per host.")
            : string.Create(CultureInfo.InvariantCulture,
                $"Q3 timing: {drops.Count} sudden drops (free memory falling > {options.DropThresholdMb:0} MB within {options.DropWindow.TotalSeconds:0.#} s) on {withDrops.Count} of {n} hosts, first at {drops[0].Time:yyyy-MM-dd HH:mm:ss} on {drops[0].Host}, largest {drops.Max(d => d.DropMb):0} MB; used memory trend {growthRange} per host."));
        if (kills.Count > 0)
        {
            var killed = kills.SelectMany(k => k.Killed).ToList();
            var sized = killed.Where(k => !double.IsNaN(k.RssMb)).ToList();
            var sizes = sized.Count > 0
                ? Inv($", median RSS {Statistics.Median(sized.Select(k => k.RssMb)):0} MB with SHAR% {Statistics.Median(sized.Select(k => k.SharPercent)):0.#} and PRIV {Statistics.Median(sized.Select(k => k.PrivMb)):0} MB.")
                : ".";
            var by = string.Join(", ", kills.GroupBy(k => k.Detector).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Inv($"{g.Count()} {DetectorText(g.Key, g.Count())}")));
            evidence.Add(Inv($"Kills: {by} on {kills.Select(k => k.Host).Distinct().Count()} of {n} hosts, {killed.Count} processes killed{sizes}"));
        }
        else if (killsGiven)
            evidence.Add("Kills: none in the window.");

        string Scope(int k) => n == 1 ? "on the one server" : k == n ? "on every server" : Inv($"on {k} of {n} servers");
        var traffic = correlation is null ? " (traffic not compared: no usable request log)" : ", independently of traffic";
        if (affected.Count == 0)
            return (TriageVerdict.NoProblem, TriageVerdict.NoProblem.NextStep());
        if (follows)
            return (TriageVerdict.TrafficDriven, TriageVerdict.TrafficDriven.NextStep());
        if (n >= 2 && outliers.Count > 0 && affected.All(a => outliers.Contains(a)) && affected.Count <= Math.Max(1, n / 4))
            return (TriageVerdict.SingleHost, Inv($"Only {affected.Count} of {n} servers ({string.Join(", ", affected.Select(a => a.Host))}) are affected: look at those servers, not the code. Check their share of requests at the load balancer, other processes, kernel and hardware; take them out of rotation while investigating."));
        if (withDrops.Count * 2 >= n || withDrops.Count > 0 && withDrops.Count >= creeping.Count)
            return (TriageVerdict.SuddenAllocations, Inv($"Memory jumps at particular moments {Scope(withDrops.Count)}{traffic}: a code path allocates a lot. {SuddenAllocationsAdvice}"));
        if (creeping.Count > 0)
            return (TriageVerdict.GradualGrowth, Inv($"Memory creeps up {Scope(creeping.Count)}{traffic}: a leak or a cache that grows per request. {GradualGrowthAdvice}"));
        var killedOn = affected.Count;
        return (TriageVerdict.GradualGrowth, Inv($"Kills {Scope(killedOn)} while memory neither drops nor creeps in the window{traffic}: memory was already near the limit when the window began. Look at a longer window to see how it got there; meanwhile, {GradualGrowthAdvice.ToLowerInvariant()[..1]}{GradualGrowthAdvice[1..]}"));
    }

    internal const string SuddenAllocationsAdvice =
        "Profile the heap during a drop (for Perl workers: heap statistics and Devel::NYTProf), look for large data cached in globals inside each worker, and load it once in the parent before fork so copy-on-write shares it.";

    internal const string GradualGrowthAdvice =
        "Recycle workers after a number of requests as a stopgap, then profile the growth to find what is retained.";

    private static string DetectorText(string detector, int count) => detector switch
    {
        KillDetectors.Watchdog => count == 1 ? "watchdog report" : "watchdog reports",
        KillDetectors.KernelOom => count == 1 ? "kernel OOM kill" : "kernel OOM kills",
        _ => count == 1 ? "systemd-oomd kill" : "systemd-oomd kills",
    };

    /// <summary>Least-squares slope of available memory, MB per hour (negative: memory being used up).</summary>
    internal static double AvailableSlopeMbPerHour(HostSeries s)
    {
        var times = s.Times;
        var avail = s.AvailableKb;
        if (times.Length < 2) return 0;
        var t0 = times[0].Ticks;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        var n = times.Length;
        for (var i = 0; i < n; i++)
        {
            var x = (times[i].Ticks - t0) / (double)TimeSpan.TicksPerHour;
            var y = avail[i] / 1024.0;
            sx += x; sy += y; sxx += x * x; sxy += x * y;
        }
        var d = n * sxx - sx * sx;
        return d <= 0 ? 0 : (n * sxy - sx * sy) / d;
    }

    private static double MinMb(ReadOnlySpan<long> kb)
    {
        var min = long.MaxValue;
        foreach (var v in kb) if (v < min) min = v;
        return min / 1024.0;
    }

    private static double MeanMb(ReadOnlySpan<long> kb)
    {
        double sum = 0;
        foreach (var v in kb) sum += v;
        return kb.Length == 0 ? 0 : sum / kb.Length / 1024.0;
    }

    /// <summary>Correlation of the hosts' mean used memory (minus available) with the request count, per minute.</summary>
    private static double RequestCorrelation(List<HostSeries> series, List<RequestMinute> requests)
    {
        var byMinute = requests.ToDictionary(r => r.Minute.Ticks / TimeSpan.TicksPerMinute, r => r.Count);
        var sum = new Dictionary<long, (double Sum, int Count)>();
        foreach (var s in series)
        {
            var times = s.Times;
            var avail = s.AvailableKb;
            for (var i = 0; i < times.Length; i++)
            {
                var minute = times[i].Ticks / TimeSpan.TicksPerMinute;
                if (!byMinute.ContainsKey(minute)) continue;
                ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(sum, minute, out _);
                slot = (slot.Sum + avail[i] / 1024.0, slot.Count + 1);
            }
        }
        var keys = sum.Keys.Order().ToList();
        var used = keys.Select(k => -sum[k].Sum / sum[k].Count).ToList();
        var counts = keys.Select(k => (double)byMinute[k]).ToList();
        var r = Statistics.Correlation(used, counts);
        return double.IsNaN(r) ? 0 : Math.Round(r, 3);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static string WindowText(TriageOptions o) =>
        o.From is null && o.To is null ? "" : $" ({o.From:yyyy-MM-dd HH:mm:ss}..{o.To:yyyy-MM-dd HH:mm:ss})";
}
