using Ops.Display;

namespace Ops.Aws.Schedules;

/// <summary>
/// A CloudWatch Events / EventBridge schedule expression: <c>cron(m h dom mon dow year)</c> or
/// <c>rate(n unit)</c>. Schedules run in UTC, which shifts a JST weekday schedule by one day (docs/background.md).
/// </summary>
public abstract class ScheduleExpression
{
    /// <summary>Parses either form; errors name the field and the rule that was broken.</summary>
    public static ScheduleExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.StartsWith("cron(", StringComparison.Ordinal)) return CronExpression.Parse(t);
        if (t.StartsWith("rate(", StringComparison.Ordinal)) return RateExpression.Parse(t);
        throw new FormatException($"schedule '{text}' must be cron(...) or rate(...), e.g. cron(0 15 ? * SUN-THU *) or rate(5 minutes)");
    }

    /// <summary>The next <paramref name="count"/> firing instants strictly after <paramref name="after"/>.</summary>
    public abstract IReadOnlyList<DateTimeOffset> NextFirings(DateTimeOffset after, int count);

    /// <summary>The next firings as a table showing UTC beside the given zone's local time and weekday.</summary>
    public FiringTable Firings(DateTimeOffset after, int count, string timeZoneId = "UTC") =>
        new(this, NextFirings(after, count), TimeZones.Find(timeZoneId));
}

/// <summary>Firing times of a schedule shown in UTC and one local zone.</summary>
public sealed class FiringTable : IMimeRenderable
{
    public FiringTable(ScheduleExpression schedule, IReadOnlyList<DateTimeOffset> firings, TimeZoneInfo zone)
    {
        Schedule = schedule;
        Instants = firings;
        Zone = zone;
    }

    public ScheduleExpression Schedule { get; }
    public IReadOnlyList<DateTimeOffset> Instants { get; }
    public TimeZoneInfo Zone { get; }

    /// <summary>The firings as local times in <see cref="Zone"/>.</summary>
    public IReadOnlyList<DateTimeOffset> Local => Instants.Select(i => TimeZoneInfo.ConvertTime(i, Zone)).ToList();

    public Table ToTable()
    {
        var t = new Table("#", "UTC", "UTC day", $"local ({Zone.Id})", "local day") { Title = Schedule.ToString() };
        var n = 0;
        foreach (var i in Instants)
        {
            var local = TimeZoneInfo.ConvertTime(i, Zone);
            t.AddRow(++n, i.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), i.UtcDateTime.DayOfWeek.ToString()[..3],
                local.ToString("yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture), local.DayOfWeek.ToString()[..3]);
        }
        return t;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
    public override string ToString() => ToTable().ToPlainText();
}

internal static class TimeZones
{
    public static TimeZoneInfo Find(string id)
    {
        if (id is "UTC" or "utc" or "Z") return TimeZoneInfo.Utc;
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (TimeZoneNotFoundException)
        {
            throw new ArgumentException($"time zone '{id}' is not known on this machine; use an IANA id such as Asia/Tokyo or UTC", nameof(id));
        }
    }
}
