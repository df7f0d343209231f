using System.Diagnostics;
using Ops.Memory;

namespace Ops.Tests.Memory;

public class LiveMemoryTests
{
    [Fact]
    public void Live_sampling_reads_meminfo_and_the_test_process_itself()
    {
        if (!OperatingSystem.IsLinux()) return; // /proc exists only on Linux
        var self = Process.GetCurrentProcess();
        var name = File.ReadAllText($"/proc/{self.Id}/comm").Trim();

        var recording = LiveMemory.Record("^" + System.Text.RegularExpressions.Regex.Escape(name) + "$",
            TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300));

        Assert.Equal(4, recording.Host.Count);
        var total = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:"));
        var totalKb = long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        Assert.All(recording.Host.Samples, s =>
        {
            Assert.InRange(s.AvailableKb, 1, totalKb);
            Assert.InRange(s.FreeKb, 1, totalKb);
        });
        var mine = recording.Processes.Where(p => p.Memory.Pid == self.Id).ToList();
        Assert.Equal(4, mine.Count);
        var last = mine[^1].Memory;
        self.Refresh();
        // RSS within a factor of two of what the runtime reports, and split fully into shared + private.
        Assert.InRange(last.RssMb, self.WorkingSet64 / 1048576.0 / 2, self.WorkingSet64 / 1048576.0 * 2);
        // Each figure is rounded to 0.1 MB on its own, so their sum may be 0.1 off the rounded RSS
        // (219.4 + rounding against 219.5 failed an equality to whole MB once in CI).
        Assert.InRange(last.SharedMb + last.PrivateMb, last.RssMb - 0.1001, last.RssMb + 0.1001);
        Assert.True(last.PrivateMb > 10, $"a .NET test host has more than 10 MB private, got {last.PrivateMb}");
    }

    [Fact]
    public void Live_sampling_refuses_unbounded_durations()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LiveMemory.Record("x", TimeSpan.FromSeconds(1), TimeSpan.FromDays(2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LiveMemory.Record("x", TimeSpan.Zero, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Live_sampling_stops_when_cancelled()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => LiveMemory.Record("^nothing-matches-this$", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5), cts.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }
}
