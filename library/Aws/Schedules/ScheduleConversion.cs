using System.Globalization;
using Ops.Display;

namespace Ops.Aws.Schedules;

/// <summary>A local-time schedule and the UTC cron that fires at the same instants.</summary>
public sealed class ScheduleConversion : IMimeRenderable
{
    private ScheduleConversion(CronExpression local, TimeZoneInfo zone, TimeSpan offset, int dayShift, CronExpression utc, string note)
    {
        Local = local;
        Zone = zone;
        Offset = offset;
        DayShift = dayShift;
        Utc = utc;
        Note = note;
    }

    public CronExpression Local { get; }
    public TimeZoneInfo Zone { get; }
    public TimeSpan Offset { get; }
    /// <summary>Days the UTC firing lies after (+) or before (-) the local day.</summary>
    public int DayShift { get; }
    public CronExpression Utc { get; }
    /// <summary>Why the result may need care (daylight saving), or empty.</summary>
    public string Note { get; }

    internal static ScheduleConversion Convert(CronExpression local, TimeZoneInfo zone, DateTimeOffset reference)
    {
        var offset = zone.GetUtcOffset(reference);
        var offsetMinutes = (int)offset.TotalMinutes;
        var note = "";
        var year = reference.UtcDateTime.Year;
        var janOffset = zone.GetUtcOffset(new DateTime(year, 1, 15, 12, 0, 0, DateTimeKind.Utc));
        var julOffset = zone.GetUtcOffset(new DateTime(year, 7, 15, 12, 0, 0, DateTimeKind.Utc));
        if (janOffset != julOffset)
            note = $"{zone.Id} changes offset for daylight saving ({Fmt(janOffset)} / {Fmt(julOffset)}); this rule uses {Fmt(offset)} and fires an hour off for the rest of the year";

        string minutesText, hoursText;
        var dayShift = 0;
        if (offsetMinutes % 60 == 0 && local.Hours.IsAll)
        {
            // Every hour stays every hour; only allowed when the day fields do not constrain which day.
            if (!(local.DayOfMonth.IsAll || local.DayOfWeek.IsAll))
                throw new FormatException($"{local}: hours '*' with a day restriction spans two UTC days in {zone.Id}; write the hours explicitly and split the rule");
            minutesText = local.Fields[0];
            hoursText = "*";
        }
        else
        {
            if (local.Minutes.IsAll && offsetMinutes % 60 != 0)
                throw new FormatException($"{local}: minutes '*' cannot be shifted by {Fmt(offset)}; give explicit minutes");
            var pairs = new HashSet<(int H, int M)>();
            var shifts = new HashSet<int>();
            var minutes = local.Minutes.Values.ToList();
            foreach (var h in local.Hours.Values)
                foreach (var m in minutes)
                {
                    var total = h * 60 + m - offsetMinutes;
                    var shift = (int)Math.Floor(total / 1440.0);
                    var inDay = total - shift * 1440;
                    shifts.Add(shift);
                    pairs.Add((inDay / 60, inDay % 60));
                }
            if (shifts.Count > 1)
                throw new FormatException($"{local}: in {zone.Id} ({Fmt(offset)}) these hours fall on different UTC days; split it into one rule per UTC day");
            dayShift = shifts.Single();
            var utcHours = pairs.Select(p => p.H).Distinct().Order().ToList();
            var utcMinutes = pairs.Select(p => p.M).Distinct().Order().ToList();
            if (utcHours.Count * utcMinutes.Count != pairs.Count)
                throw new FormatException($"{local}: shifted by {Fmt(offset)} the times are no longer hours × minutes; split the rule");
            minutesText = local.Minutes.IsAll ? "*" : Compress(utcMinutes, null, 0);
            hoursText = Compress(utcHours, null, 0);
        }

        var dom = local.Fields[2];
        var dow = local.Fields[4];
        if (dayShift != 0)
        {
            if (!local.DayOfMonth.IsNoValue && !local.DayOfMonth.IsAll)
                throw new FormatException($"{local}: day-of-month '{dom}' cannot move by {dayShift} day(s) exactly (months differ in length); schedule by day-of-week or fire in UTC");
            if (!local.Month.IsAll || !local.Year.IsAll)
                throw new FormatException($"{local}: month/year restrictions do not move exactly by {dayShift} day(s) at month ends; use * in month and year or write the UTC rule by hand");
            if (!local.DayOfWeek.IsNoValue && !local.DayOfWeek.IsAll)
            {
                if (local.DayOfWeek.HasSpecialDays)
                    throw new FormatException($"{local}: day-of-week '{dow}' uses L or #, which cannot be shifted by a day; write the UTC rule by hand");
                var shifted = local.DayOfWeek.Values.Select(v => (v - 1 + dayShift % 7 + 7) % 7 + 1).Order().ToList();
                dow = Compress(shifted, CronField.DayNames, 1);
            }
        }
        var utc = CronExpression.Parse($"cron({minutesText} {hoursText} {dom} {local.Fields[3]} {dow} {local.Fields[5]})");
        return new ScheduleConversion(local, zone, offset, dayShift, utc, note);
    }

    /// <summary>Values as a cron list, runs of three or more written as ranges (SUN-THU).</summary>
    private static string Compress(List<int> values, string[]? names, int min)
    {
        string Name(int v) => names == null ? v.ToString(CultureInfo.InvariantCulture) : names[v - min];
        var parts = new List<string>();
        for (var i = 0; i < values.Count;)
        {
            var j = i;
            while (j + 1 < values.Count && values[j + 1] == values[j] + 1) j++;
            if (j - i >= 2) parts.Add($"{Name(values[i])}-{Name(values[j])}");
            else for (var k = i; k <= j; k++) parts.Add(Name(values[k]));
            i = j + 1;
        }
        return string.Join(',', parts);
    }

    private static string Fmt(TimeSpan t) => (t < TimeSpan.Zero ? "-" : "+") + t.ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    public Table ToTable()
    {
        var t = new Table("local schedule", "zone", "offset", "day shift", "UTC cron (AWS)", "note");
        t.AddRow(Local.ToString(), Zone.Id, Fmt(Offset), DayShift, Utc.ToString(), Note);
        return t;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
    public override string ToString() => Utc.ToString();
}
