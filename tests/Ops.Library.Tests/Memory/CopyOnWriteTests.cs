using Ops.Memory;

namespace Ops.Tests.Memory;

public class CopyOnWriteTests
{
    [Fact]
    public void Seed_kill_report_worker_is_mostly_shared()
    {
        var report = CopyOnWrite.FromKillReports(KillReports.ParseText(SeedExcerpts.KillReport));
        var w = Assert.Single(report.Workers);
        Assert.Equal(45594, w.Pid);
        Assert.Equal(1973.9, w.SharedMb);
        Assert.Equal(255.9, w.PrivateMb);
        Assert.Equal(88.5, w.SharedPercent); // 1973.9 / 2229.8, as the report prints it
        Assert.Equal(2229.8, report.FootprintMb);
    }

    [Fact]
    public void Footprint_counts_shared_pages_once()
    {
        var workers = Enumerable.Range(0, 10).Select(i => new WorkerMemory(100 + i, "index.fcgi", 2200, 1950, 250)).ToList();
        var report = CopyOnWrite.Analyse(workers);
        Assert.Equal(22000, report.RssSumMb);
        Assert.Equal(1950 + 2500, report.FootprintMb);
    }

    [Fact]
    public void Preloading_before_fork_saves_all_copies_but_one()
    {
        var saving = CopyOnWrite.Preload(workers: 40, dataMb: 200);
        Assert.Equal(8000, saving.LazyMb);
        Assert.Equal(200, saving.PreloadedMb);
        Assert.Equal(7800, saving.SavedMb);
        Assert.Contains("saving 7800 MB", saving.ToString());
    }

    [Fact]
    public void Smaps_rollup_is_split_into_shared_and_private()
    {
        var text = """
            55d4c1a2b000-7ffc5b9f1000 ---p 00000000 00:00 0                          [rollup]
            Rss:             2283315 kB
            Pss:              450000 kB
            Shared_Clean:    2000000 kB
            Shared_Dirty:      21299 kB
            Private_Clean:      1024 kB
            Private_Dirty:    260992 kB
            Referenced:      2283315 kB
            Anonymous:        300000 kB
            Swap:                  0 kB
            """;
        var w = SmapsRollup.Parse(text, 45594, "index.fcgi");
        Assert.Equal(2229.8, w.RssMb);
        Assert.Equal(1973.9, w.SharedMb);
        Assert.Equal(255.9, w.PrivateMb);
        Assert.Equal(439.5, w.PssMb);
    }

    [Fact]
    public void Smaps_rollup_with_a_bad_value_names_the_line()
    {
        var e = Assert.Throws<MemoryInputException>(() => SmapsRollup.Parse("Rss: 10 kB\nPss: ten kB\n", 1, "x", "/proc/1/smaps_rollup"));
        Assert.Equal(2, e.Line);
        Assert.StartsWith("/proc/1/smaps_rollup:2:", e.Message);
    }
}
