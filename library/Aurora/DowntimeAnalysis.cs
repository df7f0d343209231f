namespace Ops.Aurora;

/// <summary>
/// Turns attempt streams into downtimes. Downtime = first failure to the first success that is
/// followed by <c>stableSuccesses - 1</c> more successes (so a reader flapping between a dead and a
/// live instance still counts as down until it settles).
/// </summary>
public static class DowntimeAnalysis
{
    public const int DefaultStableSuccesses = 3;

    public static TrialAnalysis Analyze(ProbeRun run, int stableSuccesses = DefaultStableSuccesses) =>
        new(run.Label, run.Configuration,
            Role(run.Of(ProbeRole.Writer).ToList(), ProbeRole.Writer, stableSuccesses),
            Role(run.Of(ProbeRole.Reader).ToList(), ProbeRole.Reader, stableSuccesses));

    public static RoleDowntime Role(IReadOnlyList<ProbeAttempt> attempts, ProbeRole role, int stableSuccesses = DefaultStableSuccesses)
    {
        if (stableSuccesses < 1) throw new ArgumentOutOfRangeException(nameof(stableSuccesses), stableSuccesses, "need at least one success to call a role recovered");
        var ordered = attempts.OrderBy(a => a.StartedAt).ToList();
        var dns = DnsChanges(ordered);
        var first = ordered.FindIndex(a => !a.IsOk);
        if (first < 0)
            return new RoleDowntime
            {
                Role = role,
                Attempts = ordered.Count,
                OutcomeCounts = Counts(ordered),
                DnsChanges = dns,
                InstanceBefore = ordered.FirstOrDefault(a => a.Instance is not null)?.Instance?.Name,
                InstanceAfter = ordered.LastOrDefault(a => a.Instance is not null)?.Instance?.Name,
            };

        var recovery = -1;
        var recoveredTail = false;
        for (var i = first + 1; i < ordered.Count; i++)
        {
            if (!ordered[i].IsOk) continue;
            var run = 0;
            while (i + run < ordered.Count && ordered[i + run].IsOk && run < stableSuccesses) run++;
            if (run >= stableSuccesses || i + run == ordered.Count && run > 0 && AllOkFrom(ordered, i))
            {
                recovery = i;
                recoveredTail = run < stableSuccesses;
                break;
            }
        }
        var end = recovery >= 0 ? ordered[recovery].StartedAt : ordered[^1].StartedAt + (ordered.Count > 1 ? ordered[^1].StartedAt - ordered[^2].StartedAt : TimeSpan.Zero);
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

        var lastDns = dns.LastOrDefault(d => d.At <= end);
        return new RoleDowntime
        {
            Role = role,
            Attempts = ordered.Count,
            Failures = window.Count(a => !a.IsOk),
            FirstFailure = ordered[first].StartedAt,
            Recovery = recovery >= 0 ? end : null,
            Recovered = recovery >= 0,
            DowntimeSeconds = Math.Round((end - ordered[first].StartedAt).TotalSeconds, 3),
            ReadOnlySeconds = Math.Round(readOnly, 3),
            OutcomeCounts = Counts(window),
            Flaps = flaps,
            DnsChanges = dns,
            RecoveryAfterDnsChangeSeconds = recovery >= 0 && lastDns is not null ? Math.Round((end - lastDns.At).TotalSeconds, 3) : null,
            InstanceBefore = ordered.Take(first).LastOrDefault(a => a.IsOk && a.Instance is not null)?.Instance?.Name,
            InstanceAfter = recovery >= 0 ? ordered.Skip(recovery).FirstOrDefault(a => a.Instance is not null)?.Instance?.Name : null,
            RecoveryConfirmed = recovery >= 0 && !recoveredTail,
        };
    }

    private static bool AllOkFrom(List<ProbeAttempt> attempts, int start)
    {
        for (var i = start; i < attempts.Count; i++) if (!attempts[i].IsOk) return false;
        return true;
    }

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
