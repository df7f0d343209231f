using Ops.Memory;

namespace Ops.Tests.Memory;

public class WorkerSizingTests
{
    [Fact]
    public void Seed_1000_requests_per_minute_at_0_3_s_keep_5_workers_busy()
    {
        Assert.Equal(5.0, WorkerSizing.Busy(1000, 0.3), 9);
        var sizing = WorkerSizing.Assess(1000, 0.3);
        Assert.True(sizing.RecommendedWorkers > 5, "headroom above the busy count for uneven arrival");
        Assert.True(WorkerSizing.ErlangC(sizing.RecommendedWorkers, 5) <= 0.05);
        Assert.True(WorkerSizing.ErlangC(sizing.RecommendedWorkers - 1, 5) > 0.05);
    }

    [Fact]
    public void Erlang_c_matches_the_textbook_value()
    {
        // 2 servers, offered load 1 Erlang: C = 1/3.
        Assert.Equal(1.0 / 3, WorkerSizing.ErlangC(2, 1.0), 9);
        Assert.Equal(1.0, WorkerSizing.ErlangC(5, 5.0));
        Assert.Equal(0.0, WorkerSizing.ErlangC(3, 0));
    }

    [Fact]
    public void Seed_100_requests_per_minute_at_0_5_s_with_20_workers_is_over_provisioned()
    {
        var sizing = WorkerSizing.Assess(100, 0.5, workers: 20);
        Assert.Equal(0.833, sizing.BusyWorkers, 3);
        Assert.True(sizing.OverProvisioned);
        Assert.False(sizing.UnderProvisioned);
        Assert.Equal(4, sizing.RecommendedWorkers);
        Assert.Contains("over-provisioned", sizing.Advice);
    }

    [Fact]
    public void Too_few_workers_are_flagged_as_under_provisioned()
    {
        var sizing = WorkerSizing.Assess(1000, 0.3, workers: 5);
        Assert.True(sizing.UnderProvisioned);
        Assert.Equal(1.0, sizing.WaitProbability);
        Assert.False(WorkerSizing.Assess(1000, 0.3, workers: 9).OverProvisioned);
    }

    [Fact]
    public void Cutting_workers_to_two_thirds_cuts_memory_by_less_than_a_third()
    {
        var model = new WorkerMemoryModel(Workers: 30, BaseMb: 50, GrowthMbPerRequest: 0.05, RequestsPerSecond: 1000 / 60.0, LifetimeSeconds: 3600, SharedMb: 1900);
        var options = EmergencyOptions.Evaluate(model, servers: 10, meanResponseSeconds: 0.3);
        var asIs = options[0];
        var fewer = options.Single(o => o.Measure.StartsWith("workers × 0.67"));
        Assert.Equal(20, fewer.Workers);
        Assert.True(fewer.PerWorkerMb > asIs.PerWorkerMb, "each remaining worker serves more requests and grows");
        Assert.Equal(model.PerWorkerMb * 1.5 - 50 * 0.5, fewer.PerWorkerMb, 1);
        var cut = -fewer.ChangeMb / asIs.TotalMbPerServer;
        Assert.True(cut < 1.0 / 3, $"memory fell {cut:P0}");
        var moreServers = options.Single(o => o.Measure.StartsWith("+10 servers"));
        Assert.Equal(20, moreServers.Servers);
        Assert.True(moreServers.TotalMbPerServer < asIs.TotalMbPerServer);
    }

    [Fact]
    public void Worker_growth_is_estimated_from_the_seed_kill_report()
    {
        var reports = KillReports.ParseText(SeedExcerpts.KillReport);
        var model = WorkerMemoryModel.FromKillReports(reports, workers: 20, requestsPerSecond: 1000 / 60.0, baseMb: 30);
        // 225.9 MB grown in 255 s while serving 1000/60/20 requests per second.
        Assert.Equal(225.9 / 255 / (1000 / 60.0 / 20), model.GrowthMbPerRequest, 6);
        Assert.Equal(255, model.LifetimeSeconds);
        Assert.Equal(255.9, model.PerWorkerMb, 6);
        Assert.Equal(1973.9, model.SharedMb);
    }

    [Fact]
    public void Cutting_workers_that_each_hold_a_private_copy_cuts_memory_nearly_in_proportion()
    {
        // The copy-on-write model: 40 workers each holding 340 MB of their own data plus a little growth.
        // Two thirds of the workers must cost about two thirds of the private memory, not "memory only 2 %".
        var model = new WorkerMemoryModel(Workers: 40, BaseMb: 30, GrowthMbPerRequest: 0.01, RequestsPerSecond: 0.6, LifetimeSeconds: 400, SharedMb: 1950, PrivateDataMb: 340);
        var options = EmergencyOptions.Evaluate(model, servers: 4, meanResponseSeconds: 0.3);
        var asIs = options[0];
        var fewer = options.Single(o => o.Measure.StartsWith("workers × 0.67"));
        var privateCut = -fewer.ChangeMb / (asIs.TotalMbPerServer - model.SharedMb);
        Assert.InRange(privateCut, 0.3, 0.34);
        Assert.Contains("each worker removed takes its", fewer.Note);
        var preload = options.Single(o => o.Measure.StartsWith("load the 340 MB in the parent before fork"));
        Assert.Equal(-39 * 340, preload.ChangeMb, 1);
        Assert.Contains("40 private copies become one shared copy", preload.Note);
        Assert.Equal(CopyOnWrite.Preload(40, 340).SavedMb, -preload.ChangeMb, 1);
    }

    [Fact]
    public void Private_data_is_not_mistaken_for_growth_per_request()
    {
        var reports = KillReports.ParseText(SeedExcerpts.KillReport);
        var model = WorkerMemoryModel.FromKillReports(reports, workers: 20, requestsPerSecond: 1000 / 60.0, baseMb: 30, privateDataMb: 200);
        Assert.Equal(25.9 / 255 / (1000 / 60.0 / 20), model.GrowthMbPerRequest, 6);
        Assert.Equal(255.9, model.PerWorkerMb, 6);
        Assert.Equal(200, model.PrivateDataMb);
    }
}
