using System.Text.Json;
using Ops.Memory;

namespace Ops.Tests.Memory;

/// <summary>
/// The decision table, one fact changed at a time; each comment is what an engineer expects before running it.
/// </summary>
public class TriageDecisionTests
{
    private const int Hour = 3600;

    /// <summary>Requests ramp 100 → 395 per minute and used memory follows them (4 MB per request per minute).</summary>
    private static (List<HostSeries> Hosts, List<RequestMinute> Requests) TrafficShaped(int hosts = 4) =>
        (Fleet.Hosts(hosts, Hour, (_, t) => 2500 - 4 * (100 + 5 * (t / 60))), Fleet.Requests(60, m => 100 + 5 * m));

    /// <summary>One kill per host at minute 50, as the kernel's OOM killer reports it.</summary>
    private static List<KillReport> KillsOnEveryHost(int hosts = 4) => Enumerable.Range(1, hosts)
        .SelectMany(h => KillReports.ParseText($"Jun 14 23:50:{h:00} web{h:00} kernel: Out of memory: Killed process {4000 + h} (index.fcgi) total-vm:2600000kB, anon-rss:420000kB, file-rss:4000kB, shmem-rss:1900000kB, UID:1000",
            around: Fleet.Start.AddHours(1)))
        .ToList();

    [Fact]
    public void Memory_following_traffic_with_kills_on_every_host_is_traffic_driven()
    {
        // r = 1, no drops, no creep, a kill on every host: the kills are the traffic's, not sudden allocations.
        var (hosts, requests) = TrafficShaped();
        var result = MemoryTriage.Run(hosts, KillsOnEveryHost(), requests);
        Assert.True(result.RequestCorrelation >= 0.9, $"r = {result.RequestCorrelation}");
        Assert.Equal(TriageVerdict.TrafficDriven, result.Verdict);
        Assert.Contains(result.Evidence, e => e.StartsWith("Kills: 4 kernel OOM kills on 4 of 4 hosts"));
    }

    [Fact]
    public void Memory_following_traffic_without_kills_is_traffic_driven_too()
    {
        var (hosts, requests) = TrafficShaped();
        Assert.Equal(TriageVerdict.TrafficDriven, MemoryTriage.Run(hosts, [], requests).Verdict);
    }

    [Fact]
    public void Flat_memory_without_kills_is_no_problem_even_with_a_request_log()
    {
        var result = MemoryTriage.Run(Fleet.Hosts(4, Hour, (_, _) => 1500), [], Fleet.FlatRequests(60));
        Assert.Equal(TriageVerdict.NoProblem, result.Verdict);
        Assert.Contains(result.Evidence, e => e == "Kills: none in the window.");
    }

    [Fact]
    public void Flat_memory_with_kills_on_every_host_is_named_as_such_not_sudden_allocations()
    {
        // No drops, no creep, no traffic link, but kills everywhere: memory was already at the limit.
        var result = MemoryTriage.Run(Fleet.Hosts(4, Hour, (_, _) => 300), KillsOnEveryHost(), Fleet.FlatRequests(60));
        Assert.Equal(TriageVerdict.GradualGrowth, result.Verdict);
        Assert.StartsWith("Kills on every server while memory neither drops nor creeps in the window", result.NextStep);
        Assert.DoesNotContain("jumps", result.NextStep);
    }

    [Fact]
    public void One_host_with_sudden_drops_says_one_server_not_every_server()
    {
        var result = MemoryTriage.Run(Fleet.Hosts(1, Hour, Fleet.SuddenAllocations(from: 1800)), [], Fleet.FlatRequests(60));
        Assert.Equal(TriageVerdict.SuddenAllocations, result.Verdict);
        Assert.Contains("on the one server", result.NextStep);
        Assert.DoesNotContain("every server", result.NextStep);
        Assert.Contains(result.Evidence, e => e.StartsWith("Q2 hosts: only one host (web01)"));
    }

    [Fact]
    public void Drops_on_half_the_hosts_say_how_many()
    {
        var result = MemoryTriage.Run(Fleet.Hosts(4, Hour, (h, t) => h < 2 ? Fleet.SuddenAllocations(from: 1800)(h, t) : 1500), [], Fleet.FlatRequests(60));
        Assert.Equal(TriageVerdict.SuddenAllocations, result.Verdict);
        Assert.Contains("on 2 of 4 servers", result.NextStep);
    }

    [Fact]
    public void Without_a_request_log_the_next_step_does_not_claim_independence_of_traffic()
    {
        var result = MemoryTriage.Run(Fleet.Hosts(4, Hour, Fleet.SuddenAllocations(from: 1800)));
        Assert.Equal(TriageVerdict.SuddenAllocations, result.Verdict);
        Assert.DoesNotContain("independently of traffic", result.NextStep);
        Assert.Contains("traffic not compared", result.NextStep);
        Assert.Contains("on every server", result.NextStep);
    }

    [Fact]
    public void Json_lists_every_kill_with_its_source()
    {
        var (hosts, requests) = TrafficShaped();
        var json = JsonDocument.Parse(MemoryTriage.Run(hosts, KillsOnEveryHost(), requests).ToJson()).RootElement;
        var kills = json.GetProperty("kills").EnumerateArray().ToList();
        Assert.Equal(4, kills.Count);
        var first = kills[0];
        Assert.Equal(("web01", "2019-06-14T23:50:01", 4001, "index.fcgi", "kernel-oom"),
            (first.GetProperty("host").GetString(), first.GetProperty("time").GetString(), first.GetProperty("pid").GetInt32(),
             first.GetProperty("process").GetString(), first.GetProperty("source").GetString()));
        Assert.Equal(Math.Round((420000 + 4000 + 1900000) / 1024.0, 1), first.GetProperty("rssMb").GetDouble());
    }

    [Fact]
    public void Input_notes_become_evidence_and_warnings()
    {
        var result = MemoryTriage.Run(Fleet.Hosts(2, Hour, (_, _) => 1500), [], null, inputNotes: ["kills.txt: no kill found"]);
        Assert.Contains("Input: kills.txt: no kill found", result.Evidence);
        Assert.Equal(["kills.txt: no kill found"], result.Warnings);
    }
}
