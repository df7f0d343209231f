using Ops.Aurora;

namespace Ops.Tests.Aurora;

/// <summary>Builds attempt streams from a compact outcome string: one character per attempt.</summary>
internal static class SyntheticRun
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// '.' ok, 'R' refused, 'T' timeout, 'O' read_only, 'A' auth, 'X' other. <paramref name="dns"/> gives the
    /// resolved address per attempt index (changes at the listed indexes).
    /// </summary>
    public static List<ProbeAttempt> Attempts(ProbeRole role, string outcomes, double intervalSeconds = 1,
        IReadOnlyDictionary<int, string>? dns = null, IReadOnlyDictionary<int, string>? instances = null)
    {
        var list = new List<ProbeAttempt>();
        var address = dns?.GetValueOrDefault(0) ?? "10.0.1.11";
        var instance = instances?.GetValueOrDefault(0) ?? "instance-01";
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (dns is not null && dns.TryGetValue(i, out var a)) address = a;
            if (instances is not null && instances.TryGetValue(i, out var n)) instance = n;
            var at = Start + TimeSpan.FromSeconds(i * intervalSeconds);
            var outcome = outcomes[i] switch
            {
                '.' => AttemptOutcome.Ok,
                'R' => AttemptOutcome.Refused,
                'T' => AttemptOutcome.Timeout,
                'O' => AttemptOutcome.ReadOnly,
                'A' => AttemptOutcome.Auth,
                _ => AttemptOutcome.Other,
            };
            list.Add(new ProbeAttempt
            {
                Role = role,
                Sequence = i,
                ScheduledAt = at,
                StartedAt = at,
                Outcome = outcome,
                ResolvedAddresses = [address],
                Instance = outcome is AttemptOutcome.Ok or AttemptOutcome.ReadOnly ? new AnsweringInstance(instance, null, null, outcome == AttemptOutcome.ReadOnly, outcome == AttemptOutcome.ReadOnly) : null,
            });
        }
        return list;
    }
}
