namespace Ops.Memory;

/// <summary>The outcome of the three questions (the decision table is on <see cref="MemoryTriage"/> and in docs/memory.md).</summary>
public enum TriageVerdict
{
    /// <summary>Memory rises and falls with the request count (with or without kills).</summary>
    TrafficDriven,
    /// <summary>One server (or a few) behaves unlike the rest.</summary>
    SingleHost,
    /// <summary>All servers, independently of traffic, lose hundreds of MB within seconds at moments.</summary>
    SuddenAllocations,
    /// <summary>All servers creep up evenly, independently of traffic.</summary>
    GradualGrowth,
    /// <summary>No drops, no growth, no kills in the window.</summary>
    NoProblem,
}

public static class TriageVerdicts
{
    /// <summary>The verdict's name in the CLI's JSON and in reports (<c>sudden-allocations</c>).</summary>
    public static string Name(this TriageVerdict verdict) => verdict switch
    {
        TriageVerdict.TrafficDriven => "traffic-driven",
        TriageVerdict.SingleHost => "single-host",
        TriageVerdict.SuddenAllocations => "sudden-allocations",
        TriageVerdict.GradualGrowth => "gradual-growth",
        _ => "no-problem",
    };

    /// <summary>The next step for this verdict in its general wording (a triage result words it for its hosts).</summary>
    public static string NextStep(this TriageVerdict verdict) => verdict switch
    {
        TriageVerdict.TrafficDriven =>
            "Memory follows the request count: natural growth, not a bug. Size workers to the load (busy workers = requests/s × mean response time, plus headroom for uneven arrival) and add servers if memory per server is the limit.",
        TriageVerdict.SingleHost =>
            "Only some servers are affected: look at those servers, not the code. Check their share of requests at the load balancer, other processes, kernel and hardware; take them out of rotation while investigating.",
        TriageVerdict.SuddenAllocations =>
            "Memory jumps at particular moments on every server, independently of traffic: a code path allocates a lot. " + MemoryTriage.SuddenAllocationsAdvice,
        TriageVerdict.GradualGrowth =>
            "Memory creeps up evenly on every server, independently of traffic: a leak or a cache that grows per request. " + MemoryTriage.GradualGrowthAdvice,
        _ => "No sudden drops, no steady growth and no kills in the window: nothing to chase; keep watching the alert.",
    };

    public static TriageVerdict Parse(string name)
    {
        foreach (var v in Enum.GetValues<TriageVerdict>())
            if (v.Name() == name) return v;
        throw new ArgumentException($"unknown verdict '{name}' (one of {string.Join(", ", Enum.GetValues<TriageVerdict>().Select(x => x.Name()))})", nameof(name));
    }
}
