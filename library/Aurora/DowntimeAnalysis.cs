namespace Ops.Aurora;

/// <summary>
/// Turns attempt streams into outages. An outage runs from a failed attempt to the first success
/// that is followed by <c>stableSuccesses - 1</c> more successes (so a reader flapping between a dead
/// and a live instance still counts as down until it settles). Every outage of the run is kept;
/// the headline downtime is the longest, and the other recovered outages that are short are blips (by
/// default an outage of one single failed attempt; with <c>minOutageSeconds</c>, one shorter than that).
/// </summary>
public static class DowntimeAnalysis
{
    public const int DefaultStableSuccesses = 3;

    public static TrialAnalysis Analyze(ProbeRun run, int stableSuccesses = DefaultStableSuccesses, double? minOutageSeconds = null) =>
        new(run.Label, run.Configuration,
            Role(run.Of(ProbeRole.Writer).ToList(), ProbeRole.Writer, stableSuccesses, minOutageSeconds),
            Role(run.Of(ProbeRole.Reader).ToList(), ProbeRole.Reader, stableSuccesses, minOutageSeconds))
        {
            StartedAt = Origin(run),
            EndedAt = End(run.Attempts.OrderBy(a => a.StartedAt).ToList()),
        };

    /// <summary>Where the run's timeline starts: its recorded start, or its first attempt when earlier or unrecorded.</summary>
    public static DateTimeOffset Origin(ProbeRun run)
    {
        var first = run.Attempts.Count == 0 ? run.StartedAt : run.Attempts.Min(a => a.StartedAt);
        return run.StartedAt == default || first < run.StartedAt ? first : run.StartedAt;
    }

    public static RoleDowntime Role(IReadOnlyList<ProbeAttempt> attempts, ProbeRole role, int stableSuccesses = DefaultStableSuccesses,
        double? minOutageSeconds = null)
    {
        if (stableSuccesses < 1) throw new ArgumentOutOfRangeException(nameof(stableSuccesses), stableSuccesses, "need at least one success to call a role recovered");
        if (minOutageSeconds is < 0 or double.NaN) throw new ArgumentOutOfRangeException(nameof(minOutageSeconds), minOutageSeconds, "the minimum outage cannot be negative");
        var ordered = attempts.OrderBy(a => a.StartedAt).ToList();
        var dns = DnsChanges(ordered);

        var all = new List<(Outage Outage, int First, int Recovery)>();
        var i = 0;
        while (i < ordered.Count)
        {
            if (ordered[i].IsOk) { i++; continue; }
            var (outage, recovery) = OutageFrom(ordered, i, stableSuccesses);
            all.Add((outage, i, recovery));
            if (recovery < 0) break;
            i = recovery;
        }

        // The longest outage is the headline even when short (a 1 s failover seen by a 1 s loop is one failed
        // attempt); the other short ones are blips.
        var headline = all.Count == 0 ? default : all.Aggregate((a, b) => b.Outage.Seconds > a.Outage.Seconds ? b : a);
        bool IsBlip(Outage o) => !ReferenceEquals(o, headline.Outage) && o.Recovered && (minOutageSeconds is { } min ? o.Seconds < min : o.Failures == 1);
        var outages = all.Where(o => !IsBlip(o.Outage)).ToList();
        var last = all.Count == 0 ? null : all[^1].Outage;
        var result = new RoleDowntime
        {
            Role = role,
            Attempts = ordered.Count,
            Outages = outages.Select(o => o.Outage).ToList(),
            Blips = all.Where(o => IsBlip(o.Outage)).Select(o => o.Outage).ToList(),
            Recovered = last?.Recovered ?? true,
            RecoveryConfirmed = last?.RecoveryConfirmed ?? true,
            DnsChanges = dns,
        };
        if (headline.Outage is not { } h)
            return result with
            {
                InstanceBefore = ordered.FirstOrDefault(a => a.Instance is not null)?.Instance?.Name,
                InstanceAfter = ordered.LastOrDefault(a => a.Instance is not null)?.Instance?.Name,
            };
        var lastDns = dns.LastOrDefault(d => d.At <= h.End);
        return result with
        {
            Headline = h,
            RecoveryAfterDnsChangeSeconds = h.Recovered && lastDns is not null ? Math.Round((h.End - lastDns.At).TotalSeconds, 3) : null,
            InstanceBefore = ordered.Take(headline.First).LastOrDefault(a => a.IsOk && a.Instance is not null)?.Instance?.Name,
            InstanceAfter = h.Recovered ? ordered.Skip(headline.Recovery).FirstOrDefault(a => a.Instance is not null)?.Instance?.Name : null,
        };
    }

    /// <summary>The outage starting at the failed attempt <paramref name="first"/>, and the index of its recovering attempt (-1: none).</summary>
    private static (Outage Outage, int Recovery) OutageFrom(List<ProbeAttempt> ordered, int first, int stableSuccesses)
    {
        var recovery = -1;
        var unconfirmed = false;
        for (var i = first + 1; i < ordered.Count; i++)
        {
            if (!ordered[i].IsOk) continue;
            var run = 0;
            while (i + run < ordered.Count && ordered[i + run].IsOk && run < stableSuccesses) run++;
            if (run >= stableSuccesses || i + run == ordered.Count)
            {
                recovery = i;
                unconfirmed = run < stableSuccesses;
                break;
            }
            i += run - 1;
        }
        var end = recovery >= 0 ? ordered[recovery].StartedAt : End(ordered);
        var window = ordered.Skip(first).Take((recovery >= 0 ? recovery : ordered.Count) - first).ToList();

        // The read-only tail: ERROR 1290 answers after the last connection-level failure.
        var lastOther = window.FindLastIndex(a => !a.IsOk && a.Outcome != AttemptOutcome.ReadOnly);
        var tailStart = window.FindIndex(Math.Max(0, lastOther + 1), a => a.Outcome == AttemptOutcome.ReadOnly);
        var readOnly = tailStart >= 0 ? (end - window[tailStart].StartedAt).TotalSeconds : 0;

        var flaps = new List<FlapPeriod>();
        for (var i = 0; i < window.Count; i++)
        {
            if (!window[i].IsOk) continue;
            var j = i;
            while (j + 1 < window.Count && window[j + 1].IsOk) j++;
            flaps.Add(new FlapPeriod(window[i].StartedAt, window[j].StartedAt, j - i + 1));
            i = j;
        }
        var outage = new Outage
        {
            Start = ordered[first].StartedAt,
            End = end,
            Recovered = recovery >= 0,
            RecoveryConfirmed = recovery >= 0 && !unconfirmed,
            Seconds = Math.Round((end - ordered[first].StartedAt).TotalSeconds, 3),
            ReadOnlySeconds = Math.Round(readOnly, 3),
            Failures = window.Count(a => !a.IsOk),
            Errors = Counts(window.Where(a => !a.IsOk)),
            OutcomeCounts = Counts(window),
            Flaps = flaps,
        };
        return (outage, recovery);
    }

    /// <summary>The end of a run: its last attempt plus one interval (the last gap between attempts).</summary>
    private static DateTimeOffset End(List<ProbeAttempt> ordered) =>
        ordered.Count == 0 ? default : ordered[^1].StartedAt + (ordered.Count > 1 ? ordered[^1].StartedAt - ordered[^2].StartedAt : TimeSpan.Zero);

    private static Dictionary<AttemptOutcome, int> Counts(IEnumerable<ProbeAttempt> attempts) =>
        attempts.GroupBy(a => a.Outcome).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Moments where the endpoint's resolved address set changed (attempts that failed to resolve are skipped).</summary>
    public static IReadOnlyList<DnsChange> DnsChanges(IEnumerable<ProbeAttempt> attempts)
    {
        var changes = new List<DnsChange>();
        string[]? previous = null;
        foreach (var a in attempts.OrderBy(a => a.StartedAt))
        {
            if (a.ResolvedAddresses.Length == 0) continue;
            var current = a.ResolvedAddresses.Order(StringComparer.Ordinal).ToArray();
            if (previous is not null && !previous.SequenceEqual(current)) changes.Add(new DnsChange(a.StartedAt, previous, current));
            previous = current;
        }
        return changes;
    }
}
