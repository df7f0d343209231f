using Ops.Aurora;

namespace Ops.Tests.Aurora;

/// <summary>The notebook's bundled runs analyze to the seed's published downtimes.</summary>
public class RecordedRunsTests
{
    private static string DataDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "notebooks", "data", "aurora-failover-timing");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("notebooks/data/aurora-failover-timing not found above " + AppContext.BaseDirectory);
    }

    private static FailoverTrials Load(string prefix) =>
        FailoverTrials.Load(Enumerable.Range(1, 5).Select(i => Path.Combine(DataDirectory(), $"{prefix}-{i}.json")));

    [Fact]
    public void Aurora_endpoint_runs_give_the_seeds_first_table()
    {
        var trials = Load("before");
        Assert.Equal([28.0, 11, 17, 14, 24], trials.Trials.Select(t => t.Writer.DowntimeSeconds));
        Assert.Equal([27.0, 21, 13, 21, 12], trials.Trials.Select(t => t.Reader.DowntimeSeconds));
        Assert.All(trials.Trials, t => Assert.True(t.Writer.ReadOnlySeconds > 0, "the seed's writer ends with ERROR 1290"));
        Assert.All(trials.Trials, t => Assert.NotEmpty(t.Reader.Flaps));
        Assert.Equal("aurora endpoints", trials.Configuration);
    }

    [Fact]
    public void Weight_checker_runs_give_the_seeds_second_table()
    {
        var trials = Load("after");
        Assert.Equal([5.0, 7, 4, 6, 7], trials.Trials.Select(t => t.Writer.DowntimeSeconds));
        Assert.Equal([6.0, 1, 4, 7, 5], trials.Trials.Select(t => t.Reader.DowntimeSeconds));
        var comparison = FailoverComparison.Of(Load("before"), trials).ToTable().ToPlainText();
        Assert.Matches(@"\| writer \| mean\s+\|\s+18\.8 \|\s+5\.8 \|\s+-69% \|", comparison);
    }
}
