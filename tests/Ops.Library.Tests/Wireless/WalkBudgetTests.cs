using System.Diagnostics;
using Ops.Snmp;
using Ops.Tests.Snmp;
using Ops.Wireless;

namespace Ops.Tests.Wireless;

/// <summary>
/// An agent whose tables never end (every GETBULK answered with strictly increasing OIDs under the
/// requested column): the walks must stop at the rows the AP count explains, or at the time budget,
/// and say so.
/// </summary>
public sealed class WalkBudgetTests
{
    /// <summary>The next OIDs after each requested one: deeper until an index of 6 sub-identifiers, then the last one counts up.</summary>
    private static FakeAgent EndlessAgent(TimeSpan delay) => new(request =>
    {
        if (delay > TimeSpan.Zero) Thread.Sleep(delay);
        var reps = Math.Max(1, request.Pdu.MaxRepetitions);
        var position = request.Pdu.VarBinds.Select(v => v.Oid).ToArray();
        var rows = new List<VarBind>();
        for (var r = 0; r < reps; r++)
            for (var i = 0; i < position.Length; i++)
            {
                var o = position[i];
                position[i] = o.Length < 18 ? o.Append(1) : new Oid([.. o.Ids[..^1].ToArray(), o.Ids[^1] + 1]);
                rows.Add(new VarBind(position[i], SnmpValue.Integer(1)));
            }
        return [FakeAgent.Response(request, rows)];
    });

    private static Wlc Open(FakeAgent agent, WalkBudget budget) =>
        new([new SnmpWlcSource("WLC1", agent.Client(timeoutMs: 2000))]) { Budget = budget };

    [Fact]
    public async Task Rows_stop_at_what_the_ap_count_explains_and_the_overview_says_so()
    {
        using var agent = EndlessAgent(TimeSpan.Zero);
        await using var wlc = Open(agent, WalkBudget.Default with { MaxAccessPoints = 100, Time = TimeSpan.FromSeconds(30) });
        var overview = await wlc.OverviewAsync();
        // 100 APs (the bound), so at most 4 radios each: 400 rows per radio column.
        Assert.Contains(overview.Problems, p => p.Contains("stopped at the limit of 100 rows") && p.Contains("1.3.6.1.4.1.14179.2.2.1.1.3"));
        Assert.Contains(overview.Problems, p => p.Contains("stopped at the limit of 400 rows") && p.Contains("1.3.6.1.4.1.14179.2.2.2.1.2"));
        Assert.InRange(agent.Requests, 1, 3 * 2 + 2 * 8 + 4);
        Assert.Equal(0, overview.ControllersNotRead);
    }

    [Fact]
    public async Task A_slow_endless_agent_ends_within_the_time_budget_with_a_message_naming_it()
    {
        using var agent = EndlessAgent(TimeSpan.FromMilliseconds(20));
        var budget = TimeSpan.FromSeconds(1);
        await using var wlc = Open(agent, WalkBudget.Default with { Time = budget });
        var clock = Stopwatch.StartNew();
        var overview = await wlc.OverviewAsync();
        // .NET timers run on Linux's coarse monotonic clock (CLOCK_MONOTONIC_COARSE, one tick per
        // jiffy: up to 10 ms), so the budget's cancel may fire a tick before a Stopwatch reaches it.
        var tick = TimeSpan.FromMilliseconds(20);
        Assert.InRange(clock.Elapsed, budget - tick, budget + TimeSpan.FromSeconds(3));
        Assert.Equal(1, overview.ControllersNotRead);
        var problem = Assert.Single(overview.Problems);
        Assert.Contains($"127.0.0.1:{agent.Port}", problem);
        Assert.Contains("time budget of 1 s", problem);
        Assert.Contains("tables do not end", problem);
    }

    [Fact]
    public async Task A_recording_is_bounded_the_same_way()
    {
        await using var wlc = RecordedWlc.Open() is var w ? new Wlc(w.Sources) { Budget = WalkBudget.Default with { MaxAccessPoints = 10 } } : null!;
        var overview = await wlc.OverviewAsync();
        Assert.Contains(overview.Problems, p => p.Contains("stopped at the limit of 10 rows"));
        Assert.InRange(overview.Rows.Count, 1, 2 * 10 * WalkBudget.Default.RadiosPerAp);
    }
}
