using Ops.Display;

namespace Ops.Tests.Display;

public class AxisTicksTests
{
    [Theory]
    [InlineData(0, 97, 5, new[] { "0", "20", "40", "60", "80", "100" })]
    [InlineData(0.12, 0.93, 4, new[] { "0", "0.25", "0.50", "0.75", "1.00" })]
    [InlineData(268, 1595940, 4, new[] { "0", "0.5M", "1.0M", "1.5M", "2.0M" })]
    [InlineData(0, 25000, 5, new[] { "0", "5k", "10k", "15k", "20k", "25k" })]
    [InlineData(-3, 3, 4, new[] { "-4", "-2", "0", "2", "4" })]
    [InlineData(0, 10, 4, new[] { "0", "2.5", "5.0", "7.5", "10.0" })]
    public void Numeric_ticks_are_one_two_or_five_times_a_power_of_ten(double min, double max, int target, string[] expected)
    {
        var (_, _, ticks) = AxisTicks.Numeric(min, max, target);
        Assert.Equal(expected, ticks.Select(t => t.Label).ToArray());
    }

    [Theory]
    [InlineData(0, 10, 4, true, new[] { "0", "2", "4", "6", "8", "10" })]   // 2.5 steps become 2
    [InlineData(1, 3, 4, true, new[] { "1", "2", "3" })]                    // ranks: never 1.5
    [InlineData(1, 3, 4, false, new[] { "1.0", "1.5", "2.0", "2.5", "3.0" })]
    [InlineData(0, 1, 4, true, new[] { "0", "1" })]                         // a yes/no count
    [InlineData(0, 25000, 5, true, new[] { "0", "5k", "10k", "15k", "20k", "25k" })]
    public void Whole_number_data_gets_whole_number_ticks(double min, double max, int target, bool whole, string[] expected)
    {
        var (_, _, ticks) = AxisTicks.Numeric(min, max, target, whole);
        Assert.Equal(expected, ticks.Select(t => t.Label).ToArray());
    }

    [Theory]
    [InlineData(true, new[] { "1", "2", "3" })]
    [InlineData(false, new[] { "0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5" })]
    public void Category_x_axis_ticks_fall_on_the_categories(bool whole, string[] expected) =>
        Assert.Equal(expected, AxisTicks.NumericInside(0.5, 3.5, 7, whole).Select(t => t.Label).ToArray());

    [Fact]
    public void Flat_data_still_gets_a_range()
    {
        var (lo, hi, ticks) = AxisTicks.Numeric(5, 5, 4);
        Assert.True(lo < 5 && hi > 5);
        Assert.True(ticks.Length >= 2);
    }

    private static double Seconds(DateTime t) => ChartX.Time(t).Value;

    [Theory]
    [InlineData(90, 6, "00:00:15")]        // 1.5 minutes: 15 s steps
    [InlineData(3 * 3600, 6, "00:30")]     // 3 hours: 30 min steps
    [InlineData(2 * 86400, 6, "12:00")]    // 2 days: 12 h steps
    public void Time_ticks_use_clock_steps(int rangeSeconds, int target, string secondLabel)
    {
        var start = new DateTime(2019, 6, 14, 0, 0, 0);
        var ticks = AxisTicks.Time(Seconds(start), Seconds(start.AddSeconds(rangeSeconds)), target, TimeSpan.Zero);
        Assert.Equal(secondLabel, ticks[1].Label);
        Assert.StartsWith("06-14", ticks[0].Label);
    }

    [Fact]
    public void Time_ticks_show_the_date_where_the_day_changes()
    {
        var start = new DateTime(2019, 6, 14, 20, 0, 0);
        var labels = AxisTicks.Time(Seconds(start), Seconds(start.AddHours(8)), 5, TimeSpan.Zero).Select(t => t.Label).ToList();
        Assert.Equal(new[] { "06-14 20:00", "22:00", "06-15 00:00", "02:00", "04:00" }, labels);
    }

    [Fact]
    public void Long_ranges_tick_on_months_and_years()
    {
        var start = new DateTime(2019, 1, 15);
        Assert.Equal(new[] { "2019-02", "2019-03", "2019-04", "2019-05", "2019-06" },
            AxisTicks.Time(Seconds(start), Seconds(new DateTime(2019, 6, 20)), 6, TimeSpan.Zero).Select(t => t.Label).ToArray());
        Assert.Equal(new[] { "2016", "2017", "2018", "2019" },
            AxisTicks.Time(Seconds(new DateTime(2015, 3, 1)), Seconds(new DateTime(2019, 6, 1)), 5, TimeSpan.Zero).Select(t => t.Label).ToArray());
    }

    [Fact]
    public void Time_ticks_align_to_the_clock_of_the_offset()
    {
        var jst = TimeSpan.FromHours(9);
        var start = new DateTimeOffset(2019, 6, 14, 0, 0, 0, jst);
        var ticks = AxisTicks.Time(ChartX.Time(start).Value, ChartX.Time(start.AddDays(3)).Value, 4, jst);
        Assert.Equal(new[] { "06-14", "06-15", "06-16", "06-17" }, ticks.Select(t => t.Label).ToArray());
    }
}
