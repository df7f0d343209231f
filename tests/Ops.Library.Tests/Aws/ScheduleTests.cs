using Ops.Aws.Schedules;

namespace Ops.Tests.Aws;

public class ScheduleTests
{
    private static readonly DateTimeOffset Monday = new(2017, 2, 13, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Jst_weekdays_at_midnight_become_sunday_to_thursday_15_utc()
    {
        var c = CronExpression.FromLocal("0 0 ? * MON-FRI *", "Asia/Tokyo", Monday);
        Assert.Equal("cron(0 15 ? * SUN-THU *)", c.Utc.ToString());
        Assert.Equal((-1, TimeSpan.FromHours(9), ""), (c.DayShift, c.Offset, c.Note));
    }

    [Fact]
    public void The_seeds_rule_fires_tuesday_to_saturday_in_tokyo()
    {
        // Seed 004: "0 15 ? * MON-FRI *" is JST Tue-Sat 00:00.
        var firings = CronExpression.Parse("cron(0 15 ? * MON-FRI *)").Firings(Monday, 5, "Asia/Tokyo");
        Assert.Equal(["Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"], firings.Local.Select(l => l.DayOfWeek.ToString()));
        Assert.All(firings.Local, l => Assert.Equal(TimeSpan.Zero, l.TimeOfDay));
        Assert.Contains("2017-02-14 00:00 +09:00", firings.ToTable().ToPlainText());
    }

    [Fact]
    public void Converted_rule_fires_at_the_local_times_asked_for()
    {
        var c = CronExpression.FromLocal("30 8 ? * MON,WED,FRI *", "America/New_York", new DateTimeOffset(2024, 1, 10, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal("cron(30 13 ? * MON,WED,FRI *)", c.Utc.ToString());
        Assert.Contains("daylight saving", c.Note);
        var local = c.Utc.Firings(new DateTimeOffset(2024, 1, 10, 0, 0, 0, TimeSpan.Zero), 3, "America/New_York").Local;
        Assert.Equal(["Wednesday 08:30", "Friday 08:30", "Monday 08:30"], local.Select(l => $"{l.DayOfWeek} {l:HH:mm}"));
    }

    [Fact]
    public void Half_hour_offsets_move_the_minutes()
    {
        var c = CronExpression.FromLocal("0 9 ? * MON-FRI *", "Asia/Kolkata", Monday);
        Assert.Equal("cron(30 3 ? * MON-FRI *)", c.Utc.ToString());
        var e = Assert.Throws<FormatException>(() => CronExpression.FromLocal("* 9 ? * MON-FRI *", "Asia/Kolkata", Monday));
        Assert.Contains("minutes '*' cannot be shifted by +05:30", e.Message);
    }

    [Fact]
    public void Evening_west_of_utc_moves_to_the_next_utc_day()
    {
        var c = CronExpression.FromLocal("0 20 ? * FRI-SAT *", "America/Los_Angeles", new DateTimeOffset(2024, 1, 10, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal("cron(0 4 ? * SUN,SAT *)", c.Utc.ToString());
    }

    [Theory]
    [InlineData("cron(0 15 * * MON-FRI *)", "both set; AWS needs '?' in one of them")]
    [InlineData("cron(0 15 ? * ? *)", "both '?'")]
    [InlineData("cron(0 15 ? * MON-FRI)", "has 5 fields; AWS cron has 6")]
    [InlineData("cron(0 24 ? * MON *)", "hours field '24': value 24 is outside 0-23")]
    [InlineData("cron(0 15 ? * MON-FRX *)", "day-of-week field 'MON-FRX': 'FRX' is not a number 1-7 or a name (SUN-SAT)")]
    [InlineData("cron(0 15 ? * MON 1969)", "year field '1969': value 1969 is outside 1970-2199")]
    [InlineData("cron(? 15 1 * ? *)", "minutes field '?': '?' is only allowed in day-of-month or day-of-week")]
    [InlineData("cron(*/0 15 1 * ? *)", "step '0'")]
    [InlineData("rate(1 minutes)", "a value of 1 takes the singular unit (minute)")]
    [InlineData("rate(5 minute)", "plural unit (minutes)")]
    [InlineData("rate(5 weeks)", "must be minute(s), hour(s) or day(s)")]
    [InlineData("0 15 ? * MON-FRI *", "must be cron(...) or rate(...)")]
    public void Invalid_expressions_name_the_field_and_rule(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => ScheduleExpression.Parse(text));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Day_of_month_forms_last_nearest_weekday_and_lists()
    {
        var after = new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(["2024-02-29", "2024-03-31"], CronExpression.Parse("cron(0 0 L * ? *)").NextFirings(after, 2).Select(d => d.ToString("yyyy-MM-dd")));
        // 2024-06-15 is a Saturday: 15W fires Friday the 14th.
        Assert.Equal("2024-06-14", CronExpression.Parse("cron(0 0 15W 6 ? *)").NextFirings(after, 1)[0].ToString("yyyy-MM-dd"));
        Assert.Equal("2024-03-29", CronExpression.Parse("cron(0 0 LW 3 ? 2024)").NextFirings(after, 1)[0].ToString("yyyy-MM-dd"));
        Assert.Equal(["01:00", "01:30", "13:00", "13:30"], CronExpression.Parse("cron(0,30 1,13 1 * ? *)").NextFirings(after, 4).Select(d => d.ToString("HH:mm")));
    }

    [Fact]
    public void Day_of_week_nth_and_last()
    {
        var after = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        // Second Tuesday (Patch Tuesday) of Jan/Feb 2024.
        Assert.Equal(["2024-01-09", "2024-02-13"], CronExpression.Parse("cron(0 18 ? * 3#2 *)").NextFirings(after, 2).Select(d => d.ToString("yyyy-MM-dd")));
        Assert.Equal("2024-01-26", CronExpression.Parse("cron(0 0 ? * 6L *)").NextFirings(after, 1)[0].ToString("yyyy-MM-dd"));
    }

    [Fact]
    public void Year_field_limits_firings()
    {
        var after = new DateTimeOffset(2024, 12, 30, 0, 0, 0, TimeSpan.Zero);
        var f = CronExpression.Parse("cron(0 0 1 1 ? 2025-2026)").NextFirings(after, 5);
        Assert.Equal(["2025-01-01", "2026-01-01"], f.Select(d => d.ToString("yyyy-MM-dd")));
    }

    [Fact]
    public void Firings_are_strictly_after_the_start()
    {
        var f = CronExpression.Parse("cron(0/15 * * * ? *)").NextFirings(new DateTimeOffset(2024, 1, 1, 10, 15, 0, TimeSpan.Zero), 2);
        Assert.Equal(["10:30", "10:45"], f.Select(d => d.ToString("HH:mm")));
    }

    [Fact]
    public void Rate_counts_from_the_start()
    {
        var r = ScheduleExpression.Parse("rate(6 hours)");
        Assert.Equal(["06:00", "12:00"], r.NextFirings(Monday, 2).Select(d => d.ToString("HH:mm")));
        Assert.Equal("rate(1 day)", ScheduleExpression.Parse("rate(1 day)").ToString());
    }

    [Fact]
    public void Day_of_month_cannot_move_across_days()
    {
        var e = Assert.Throws<FormatException>(() => CronExpression.FromLocal("0 0 1 * ? *", "Asia/Tokyo", Monday));
        Assert.Contains("day-of-month '1' cannot move", e.Message);
    }

    [Fact]
    public void Unknown_time_zone_is_named()
    {
        var e = Assert.Throws<ArgumentException>(() => CronExpression.FromLocal("0 0 ? * MON *", "Asia/Tokio", Monday));
        Assert.Contains("'Asia/Tokio'", e.Message);
    }
}

public class CronTableTests
{
    [Fact]
    public void Table_spells_out_each_field()
    {
        var text = CronExpression.Parse("cron(0 15 ? * SUN-THU *)").ToTable().ToPlainText();
        Assert.Contains("| day-of-week  | SUN-THU | SUN,MON,TUE,WED,THU", text);
        Assert.Contains("| day-of-month | ?       | no specific value", text);
    }
}
