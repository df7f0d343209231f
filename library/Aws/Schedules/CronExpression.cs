using System.Globalization;
using Ops.Display;

namespace Ops.Aws.Schedules;

/// <summary>
/// An AWS cron expression: six fields <c>minutes hours day-of-month month day-of-week year</c>, evaluated
/// in UTC. Unlike Unix cron it has a year field, and exactly one of day-of-month and day-of-week must
/// be <c>?</c> (both cannot be <c>*</c>).
/// </summary>
public sealed class CronExpression : ScheduleExpression, IMimeRenderable
{
    private static readonly string[] FieldNames = ["minutes", "hours", "day-of-month", "month", "day-of-week", "year"];

    private CronExpression(string[] fields)
    {
        Fields = fields;
        try
        {
            Minutes = CronField.Parse("minutes", fields[0], 0, 59);
            Hours = CronField.Parse("hours", fields[1], 0, 23);
            DayOfMonth = CronField.Parse("day-of-month", fields[2], 1, 31, allowNoValue: true, dayOfMonth: true);
            Month = CronField.Parse("month", fields[3], 1, 12, CronField.MonthNames);
            DayOfWeek = CronField.Parse("day-of-week", fields[4], 1, 7, CronField.DayNames, allowNoValue: true, dayOfWeek: true);
            Year = CronField.Parse("year", fields[5], 1970, 2199);
        }
        catch (FormatException e)
        {
            throw new FormatException($"cron({string.Join(' ', fields)}): {e.Message}", e);
        }
        if (DayOfMonth.IsNoValue == DayOfWeek.IsNoValue)
            throw new FormatException(DayOfMonth.IsNoValue
                ? $"cron({string.Join(' ', fields)}): day-of-month and day-of-week are both '?'; give one of them a value (e.g. * in day-of-month)"
                : $"cron({string.Join(' ', fields)}): day-of-month '{fields[2]}' and day-of-week '{fields[4]}' are both set; AWS needs '?' in one of them (e.g. cron(0 15 ? * MON-FRI *))");
    }

    /// <summary>The six field texts as written.</summary>
    public IReadOnlyList<string> Fields { get; }
    internal CronField Minutes { get; }
    internal CronField Hours { get; }
    internal CronField DayOfMonth { get; }
    internal CronField Month { get; }
    internal CronField DayOfWeek { get; }
    internal CronField Year { get; }

    /// <summary>Parses <c>cron(0 15 ? * MON-FRI *)</c> or the bare six fields.</summary>
    public static new CronExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        if (t.StartsWith("cron(", StringComparison.Ordinal))
        {
            if (!t.EndsWith(')')) throw new FormatException($"'{text}' is missing the closing parenthesis");
            t = t[5..^1];
        }
        var fields = t.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
            throw new FormatException(fields.Length == 5
                ? $"cron '{text}' has 5 fields; AWS cron has 6 (minutes hours day-of-month month day-of-week year): add the year, usually *"
                : $"cron '{text}' has {fields.Length} fields; AWS cron has 6 ({string.Join(' ', FieldNames)})");
        return new CronExpression(fields);
    }

    public static bool TryParse(string text, out CronExpression? cron, out string error)
    {
        try { cron = Parse(text); error = ""; return true; }
        catch (FormatException e) { cron = null; error = e.Message; return false; }
    }

    public bool Matches(DateTime utc) =>
        Year.Allows(utc.Year) && Month.Allows(utc.Month) && MatchesDay(DateOnly.FromDateTime(utc)) && Hours.Allows(utc.Hour) && Minutes.Allows(utc.Minute);

    private bool MatchesDay(DateOnly d) =>
        DayOfMonth.IsNoValue ? DayOfWeek.AllowsDay(d, CronField.Dow(d)) : DayOfMonth.AllowsDay(d, d.Day);

    public override IReadOnlyList<DateTimeOffset> NextFirings(DateTimeOffset after, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var result = new List<DateTimeOffset>(count);
        var start = after.UtcDateTime;
        start = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
        var hours = Hours.Values.ToArray();
        var minutes = Minutes.Values.ToArray();
        for (var year = start.Year; year <= 2199 && result.Count < count; year++)
        {
            if (!Year.Allows(year)) continue;
            for (var month = year == start.Year ? start.Month : 1; month <= 12 && result.Count < count; month++)
            {
                if (!Month.Allows(month)) continue;
                var firstDay = year == start.Year && month == start.Month ? start.Day : 1;
                for (var day = firstDay; day <= DateTime.DaysInMonth(year, month) && result.Count < count; day++)
                {
                    Cancellation.ThrowIfRequested();
                    var date = new DateOnly(year, month, day);
                    if (!MatchesDay(date)) continue;
                    foreach (var h in hours)
                        foreach (var m in minutes)
                        {
                            var at = new DateTime(year, month, day, h, m, 0, DateTimeKind.Utc);
                            if (at < start || result.Count >= count) continue;
                            result.Add(new DateTimeOffset(at));
                        }
                }
            }
        }
        return result;
    }

    /// <summary>
    /// Converts a schedule written in local time (e.g. JST weekdays at 00:00: <c>0 0 ? * MON-FRI *</c>)
    /// to the UTC cron AWS needs, shifting the weekdays when the UTC time falls on another day
    /// (<c>cron(0 15 ? * SUN-THU *)</c>).
    /// </summary>
    public static ScheduleConversion FromLocal(string localCron, string timeZoneId, DateTimeOffset? reference = null) =>
        ScheduleConversion.Convert(Parse(localCron), TimeZones.Find(timeZoneId), reference ?? DateTimeOffset.UtcNow);

    public override string ToString() => $"cron({string.Join(' ', Fields)})";

    /// <summary>Each field with the values it allows, so a rule can be read without the cron syntax.</summary>
    public Table ToTable()
    {
        var t = new Table("field", "text", "allows") { Title = ToString() + " (UTC)" };
        foreach (var f in new[] { Minutes, Hours, DayOfMonth, Month, DayOfWeek, Year })
            t.AddRow(f.Name, f.Text, Describe(f));
        return t;
    }

    private static string Describe(CronField f)
    {
        if (f.IsNoValue) return "no specific value (the other day field decides)";
        if (f.IsAll) return "every value";
        var names = f.Name switch { "month" => CronField.MonthNames, "day-of-week" => CronField.DayNames, _ => null };
        var values = string.Join(",", f.Values.Select(v => names?[v - f.Min] ?? v.ToString(CultureInfo.InvariantCulture)));
        return f.HasSpecialDays ? (values.Length > 0 ? values + " and " : "") + "L/W/# days" : values;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
}
