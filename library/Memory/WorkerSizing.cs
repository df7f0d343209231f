using System.Globalization;

namespace Ops.Memory;

/// <summary>
/// How many workers a load needs. Busy workers = arrivals per second × mean response time
/// (Little's law; the memory alert case's 1000 requests/min × 0.3 s = 5). Requests do not arrive evenly, so the
/// recommendation is the smallest count whose Erlang C probability that a request has to wait for
/// a free worker stays under the target.
/// </summary>
public sealed record WorkerSizing(
    double RequestsPerMinute,
    double MeanResponseSeconds,
    int? Workers,
    double TargetWaitProbability,
    double BusyWorkers,
    int RecommendedWorkers,
    double? WaitProbability,
    double? Utilisation,
    bool OverProvisioned,
    bool UnderProvisioned)
{
    /// <summary>Workers beyond this multiple of the recommendation are flagged as over-provisioned.</summary>
    public const double OverProvisionFactor = 2.0;

    public static WorkerSizing Assess(double requestsPerMinute, double meanResponseSeconds, int? workers = null, double targetWaitProbability = 0.05)
    {
        var busy = Busy(requestsPerMinute, meanResponseSeconds);
        var recommended = Recommended(requestsPerMinute, meanResponseSeconds, targetWaitProbability);
        double? wait = workers is int w ? ErlangC(w, busy) : null;
        double? utilisation = workers is int w2 && w2 > 0 ? busy / w2 : null;
        var over = workers is int w3 && w3 > Math.Max(recommended * OverProvisionFactor, recommended + 2);
        var under = workers is int w4 && (w4 <= busy || ErlangC(w4, busy) > targetWaitProbability);
        return new WorkerSizing(requestsPerMinute, meanResponseSeconds, workers, targetWaitProbability, Math.Round(busy, 3), recommended,
            wait is null ? null : Math.Round(wait.Value, 4), utilisation is null ? null : Math.Round(utilisation.Value, 3), over, under);
    }

    /// <summary>Mean number of workers serving at once: (requests/min ÷ 60) × mean response seconds.</summary>
    public static double Busy(double requestsPerMinute, double meanResponseSeconds)
    {
        if (requestsPerMinute < 0 || meanResponseSeconds < 0) throw new ArgumentOutOfRangeException(nameof(requestsPerMinute), "request rate and response time cannot be negative");
        return requestsPerMinute / 60.0 * meanResponseSeconds;
    }

    /// <summary>
    /// Erlang C: the probability that a request finds all <paramref name="workers"/> busy when the
    /// offered load is <paramref name="busy"/> (in workers). 1 when the workers cannot keep up.
    /// </summary>
    public static double ErlangC(int workers, double busy)
    {
        if (workers <= 0) return 1;
        if (busy <= 0) return 0;
        if (busy >= workers) return 1;
        // Erlang B by recursion (stable for large counts), then C from B.
        var b = 1.0;
        for (var n = 1; n <= workers; n++) b = busy * b / (n + busy * b);
        return workers * b / (workers - busy * (1 - b));
    }

    /// <summary>The fewest workers whose Erlang C waiting probability is at most the target.</summary>
    public static int Recommended(double requestsPerMinute, double meanResponseSeconds, double targetWaitProbability = 0.05)
    {
        if (targetWaitProbability is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(targetWaitProbability), "target waiting probability must be between 0 and 1");
        var busy = Busy(requestsPerMinute, meanResponseSeconds);
        var n = Math.Max(1, (int)Math.Floor(busy) + 1);
        while (ErlangC(n, busy) > targetWaitProbability) n++;
        return n;
    }

    public string Advice => Workers switch
    {
        null => Inv($"{BusyWorkers:0.##} workers busy on average; {RecommendedWorkers} keep the chance of waiting under {TargetWaitProbability:P0}."),
        int w when UnderProvisioned => Inv($"{w} workers for {BusyWorkers:0.##} busy: requests wait {WaitProbability:P0} of the time; use at least {RecommendedWorkers}."),
        int w when OverProvisioned => Inv($"{w} workers for {BusyWorkers:0.##} busy ({Utilisation:P0} utilised) is over-provisioned: {RecommendedWorkers} keep waiting under {TargetWaitProbability:P0}, and each idle worker still holds memory."),
        int w => Inv($"{w} workers for {BusyWorkers:0.##} busy ({Utilisation:P0} utilised) is about right (recommended {RecommendedWorkers})."),
    };

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public override string ToString() => Advice;
}
