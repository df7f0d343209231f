using Ops.Display;

namespace Ops.Tests.Display;

public class ProgressTests
{
    private static (RecordingSink Sink, ManualTime Time, ProgressOptions Options) Setup(bool showRate = true)
    {
        var time = new ManualTime();
        return (new RecordingSink(), time, new ProgressOptions { Time = time, ShowRate = showRate });
    }

    [Fact]
    public void Text_shows_bar_counts_rate_and_eta_while_running()
    {
        var (_, time, options) = Setup();
        var p = new Progress("walking", 100, options);
        time.Advance(TimeSpan.FromSeconds(4.3));
        p.Report(53);
        Assert.Equal("walking [#####     ] 53/100 12.3/s ETA 4s", p.ToText());
        Assert.Equal(53 / 4.3, p.Rate!.Value, 6);
        Assert.Equal(TimeSpan.FromSeconds(4), p.Eta);
    }

    [Fact]
    public void Without_total_shows_count_and_rate_only()
    {
        var (_, time, options) = Setup();
        var p = new Progress("rows", options: options);
        time.Advance(TimeSpan.FromSeconds(2));
        p.Report(300);
        Assert.Equal("rows 300 150/s", p.ToText());
        p.Complete();
        Assert.Equal("rows 300 done", p.ToText());
    }

    [Fact]
    public void Final_state_has_no_rate_or_time_so_stored_outputs_are_deterministic()
    {
        var (sink, time, options) = Setup();
        using (DisplayContext.Use(sink))
        {
            var p = Progress.Start("walking", 100, options);
            for (var i = 1; i <= 100; i++)
            {
                time.Advance(TimeSpan.FromMilliseconds(37));
                p.Report(i);
            }
            p.Complete();
        }
        var last = sink.Published[^1];
        Assert.True(last.IsUpdate);
        Assert.Equal("walking [##########] 100/100 done", last.Bundle.PlainText);
        Assert.Equal("<div class=\"ops-progress\"><progress value=\"100\" max=\"100\"></progress> <span>walking 100/100 done</span></div>",
            last.Bundle[MimeTypes.Html]);
        Assert.All(sink.Published, x => Assert.Equal(sink.Published[0].Id, x.Id));
    }

    [Fact]
    public void Tight_loop_is_throttled_to_one_redraw_per_interval()
    {
        var (sink, time, options) = Setup();
        using (DisplayContext.Use(sink))
        {
            var p = Progress.Start("walking", 10_000, options);
            // 10,000 reports over one simulated second: 1 ms apart.
            for (var i = 1; i <= 10_000; i++)
            {
                if (i % 10 == 0) time.Advance(TimeSpan.FromMilliseconds(1));
                p.Report(i);
            }
            p.Complete();
        }
        // First display, about one redraw per 100 ms, and the final state.
        Assert.InRange(sink.Published.Count, 10, 13);
        Assert.False(sink.Published[0].IsUpdate);
        Assert.Equal("walking [##########] 10000/10000 done", sink.Published[^1].Bundle.PlainText);
    }

    [Fact]
    public void A_throttled_state_is_drawn_when_the_interval_ends_even_without_another_report()
    {
        var (sink, time, options) = Setup(showRate: false);
        using (DisplayContext.Use(sink))
        {
            var p = Progress.Start("walking", 10, options);
            time.Advance(TimeSpan.FromMilliseconds(150));
            p.Report(1); // drawn at once: the interval has passed
            time.Advance(TimeSpan.FromMilliseconds(10));
            p.Report(2); // throttled
            Assert.Equal("walking [#         ] 1/10", sink.Published[^1].Bundle.PlainText);
            time.Advance(TimeSpan.FromMilliseconds(100));
            Assert.Equal("walking [##        ] 2/10", sink.Published[^1].Bundle.PlainText);
            Assert.Equal(3, sink.Published.Count);
        }
    }

    [Fact]
    public void Disposing_before_complete_marks_the_progress_stopped_and_later_reports_are_ignored()
    {
        var (sink, _, options) = Setup();
        using (DisplayContext.Use(sink))
        {
            using (var p = Progress.Start("walking", 100, options))
            {
                p.Report(40);
            }
        }
        Assert.Equal("walking [####      ] 40/100 stopped", sink.Published[^1].Bundle.PlainText);
        var count = sink.Published.Count;
        var q = new Progress("x", 1, options);
        q.Complete();
        q.Report(1);
        q.Dispose();
        Assert.Equal(ProgressState.Completed, q.State);
        Assert.Equal(0, q.Done);
        Assert.Equal(count, sink.Published.Count);
    }

    [Fact]
    public void Rate_can_be_left_out_entirely()
    {
        var (_, time, options) = Setup(showRate: false);
        var p = new Progress("walking", 100, options);
        time.Advance(TimeSpan.FromSeconds(1));
        p.Report(50);
        Assert.Equal("walking [#####     ] 50/100", p.ToText());
    }

    [Fact]
    public void Parallel_reports_end_with_the_final_count()
    {
        var (sink, _, options) = Setup();
        using (DisplayContext.Use(sink))
        {
            var p = Progress.Start("probing", 1000, options);
            Parallel.For(0, 1000, _ => p.Increment());
            p.Complete();
            Assert.Equal(1000, p.Done);
        }
        Assert.Equal("probing [##########] 1000/1000 done", sink.Published[^1].Bundle.PlainText);
    }

    [Theory]
    [InlineData(4, "4s")]
    [InlineData(125, "2m05s")]
    [InlineData(3720, "1h02m")]
    public void Eta_is_short(int seconds, string expected) =>
        Assert.Equal(expected, Progress.FormatDuration(TimeSpan.FromSeconds(seconds)));
}
