using System.Globalization;

namespace Ops.Wireless;

/// <summary>
/// How much a question may read from one controller. The AP table is read first, bounded by the most
/// APs one AireOS controller takes; every other table is bounded by what that AP count explains
/// (radios per AP, radar channels and neighbours per radio, clients per radio). A time budget covers
/// all walks of one controller. A walk that stops at a bound says so in the problems; an agent whose
/// tables never end therefore costs seconds and a message, not minutes and memory.
/// </summary>
public sealed record WalkBudget
{
    /// <summary>The largest AireOS controller (8540) takes 6,000 APs.</summary>
    public int MaxAccessPoints { get; init; } = 6000;
    /// <summary>Radio slots per AP (0-2, and 3 on some models).</summary>
    public int RadiosPerAp { get; init; } = 4;
    /// <summary>5 GHz has 25 channels; every one could have seen radar.</summary>
    public int RadarChannelsPerRadio { get; init; } = 32;
    /// <summary>Rogue/neighbour entries kept per radio by the controller are far fewer than this.</summary>
    public int NeighboursPerRadio { get; init; } = 128;
    /// <summary>Clients per radio (AireOS admits 200 per radio).</summary>
    public int ClientsPerRadio { get; init; } = 256;
    /// <summary>All walks of one controller for one question; null for no limit.</summary>
    public TimeSpan? Time { get; init; } = TimeSpan.FromSeconds(60);

    public static WalkBudget Default { get; } = new();

    /// <summary>Rows per column of a table keyed by radio (AP MAC, slot) for <paramref name="aps"/> APs.</summary>
    public int RadioRows(int aps) => Math.Max(1, aps) * RadiosPerAp;

    /// <summary>
    /// Runs <paramref name="read"/> for one controller within <see cref="Time"/>; past it, the walks are
    /// cancelled and a <see cref="TimeoutException"/> names the controller, the budget and the requests sent.
    /// </summary>
    public async Task<T> RunAsync<T>(IWlcSource source, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        if (Time is not { } limit) return await read(cancellationToken).ConfigureAwait(false);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(limit);
        try { return await read(budget.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: reading stopped at the time budget of {limit.TotalSeconds:0.###} s after {source.Requests} requests; the agent is slow or its tables do not end (raise --time-budget if it is only slow)"));
        }
    }
}
