using System.Globalization;

namespace Ops.Aws.Schedules;

/// <summary>
/// One field of a cron expression as the set of values it allows, plus (for the two day fields) the
/// special items AWS accepts: <c>L</c>, <c>W</c>, <c>LW</c> in day-of-month and <c>L</c>, <c>#</c> in day-of-week.
/// </summary>
internal sealed class CronField
{
    public static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    public static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly bool[] _values;
    private readonly List<Func<DateOnly, bool>> _dayRules = new();

    private CronField(string name, string text, int min, int max)
    {
        Name = name;
        Text = text;
        Min = min;
        Max = max;
        _values = new bool[max + 1];
    }

    public string Name { get; }
    public string Text { get; }
    public int Min { get; }
    public int Max { get; }
    /// <summary>The field is <c>?</c> ("no specific value").</summary>
    public bool IsNoValue { get; private set; }
    /// <summary>The field is <c>*</c>.</summary>
    public bool IsAll { get; private set; }
    /// <summary>The field uses L, W or #, which do not shift with a time-zone change.</summary>
    public bool HasSpecialDays => _dayRules.Count > 0;

    public bool Allows(int value) => IsAll || (value >= Min && value <= Max && _values[value]);

    /// <summary>For the day fields: whether this date matches (plain values or L/W/# rules).</summary>
    public bool AllowsDay(DateOnly day, int value) => Allows(value) || _dayRules.Any(r => r(day));

    public IEnumerable<int> Values => Enumerable.Range(Min, Max - Min + 1).Where(Allows);

    public static CronField Parse(string name, string text, int min, int max, string[]? names = null, bool allowNoValue = false, bool dayOfMonth = false, bool dayOfWeek = false)
    {
        var f = new CronField(name, text, min, max);
        if (text == "?")
        {
            if (!allowNoValue) throw f.Error($"'?' is only allowed in day-of-month or day-of-week");
            f.IsNoValue = true;
            return f;
        }
        if (text == "*") { f.IsAll = true; return f; }
        foreach (var item in text.Split(','))
        {
            if (item.Length == 0) throw f.Error("has an empty list item");
            if (dayOfMonth && f.TryDayOfMonthSpecial(item)) continue;
            if (dayOfWeek && f.TryDayOfWeekSpecial(item, names!)) continue;
            f.ParseRangeItem(item, names);
        }
        return f;
    }

    private void ParseRangeItem(string item, string[]? names)
    {
        var step = 1;
        var body = item;
        var slash = item.IndexOf('/');
        if (slash >= 0)
        {
            body = item[..slash];
            var stepText = item[(slash + 1)..];
            if (!int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out step) || step <= 0)
                throw Error($"step '{stepText}' in '{item}' must be a positive number");
        }
        int from, to;
        if (body == "*") { from = Min; to = Max; }
        else if (body.Contains('-'))
        {
            var dash = body.IndexOf('-');
            from = Value(body[..dash], names);
            to = Value(body[(dash + 1)..], names);
        }
        else
        {
            from = Value(body, names);
            to = slash >= 0 ? Max : from;
        }
        if (from <= to)
            for (var v = from; v <= to; v += step) _values[v] = true;
        else if (Name == "year")
            throw Error($"range '{body}' runs backwards");
        else
        {
            // Wrapping range (FRI-MON, 22-2): walk past the end back to the start.
            var span = Max - Min + 1;
            for (var k = 0; k <= (to - from + span) % span; k += step) _values[Min + (from - Min + k) % span] = true;
        }
    }

    private int Value(string token, string[]? names)
    {
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            if (n < Min || n > Max) throw Error($"value {n} is outside {Min}-{Max}");
            return n;
        }
        if (names != null)
        {
            var i = Array.FindIndex(names, x => string.Equals(x, token, StringComparison.OrdinalIgnoreCase));
            if (i >= 0) return Min + i;
            throw Error($"'{token}' is not a number {Min}-{Max} or a name ({names[0]}-{names[^1]})");
        }
        throw Error($"'{token}' is not a number {Min}-{Max}");
    }

    private bool TryDayOfMonthSpecial(string item)
    {
        if (item == "L") { _dayRules.Add(d => d.Day == DateTime.DaysInMonth(d.Year, d.Month)); return true; }
        if (item == "LW") { _dayRules.Add(d => d == LastWeekday(d.Year, d.Month)); return true; }
        if (item.EndsWith('W'))
        {
            var day = Value(item[..^1], null);
            _dayRules.Add(d => d == NearestWeekday(d.Year, d.Month, day));
            return true;
        }
        return false;
    }

    private bool TryDayOfWeekSpecial(string item, string[] names)
    {
        if (item == "L") { _values[7] = true; return true; } // L alone = Saturday, the last day of the week
        if (item.EndsWith('L') && item.Length > 1)
        {
            var dow = Value(item[..^1], names);
            _dayRules.Add(d => Dow(d) == dow && d.AddDays(7).Month != d.Month);
            return true;
        }
        var hash = item.IndexOf('#');
        if (hash > 0)
        {
            var dow = Value(item[..hash], names);
            if (!int.TryParse(item[(hash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var nth) || nth < 1 || nth > 5)
                throw Error($"'{item}': the number after # must be 1-5 (the nth weekday of the month)");
            _dayRules.Add(d => Dow(d) == dow && (d.Day - 1) / 7 + 1 == nth);
            return true;
        }
        return false;
    }

    /// <summary>AWS numbers weekdays 1 (SUN) to 7 (SAT).</summary>
    public static int Dow(DateOnly d) => (int)d.DayOfWeek + 1;

    private static DateOnly LastWeekday(int year, int month)
    {
        var d = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        while (d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) d = d.AddDays(-1);
        return d;
    }

    /// <summary>Nearest weekday to the given day, not leaving the month (Quartz/AWS semantics of nW).</summary>
    private static DateOnly? NearestWeekday(int year, int month, int day)
    {
        var last = DateTime.DaysInMonth(year, month);
        if (day > last) return null;
        var d = new DateOnly(year, month, day);
        if (d.DayOfWeek == DayOfWeek.Saturday) return day == 1 ? d.AddDays(2) : d.AddDays(-1);
        if (d.DayOfWeek == DayOfWeek.Sunday) return day == last ? d.AddDays(-2) : d.AddDays(1);
        return d;
    }

    public FormatException Error(string what) => new($"{Name} field '{Text}': {what}");
}
