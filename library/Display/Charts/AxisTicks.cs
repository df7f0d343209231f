using System.Globalization;

namespace Ops.Display;

/// <summary>A tick on an axis: its position in data units and its label.</summary>
internal readonly record struct AxisTick(double Value, string Label);

/// <summary>
/// Tick positions people read easily: 1, 2, 2.5 or 5 times a power of ten for numbers (with k/M/G
/// for large ones), and whole seconds, minutes, hours, days, months or years for times, aligned to
/// the clock of the chart's time zone.
/// </summary>
internal static class AxisTicks
{
    /// <summary>
    /// Widens [min, max] to whole ticks and returns the ticks. <paramref name="whole"/>: the values are
    /// whole numbers (counts, ranks), so the step is too.
    /// </summary>
    public static (double Min, double Max, AxisTick[] Ticks) Numeric(double min, double max, int target, bool whole = false)
    {
        if (max <= min)
        {
            var pad = min == 0 ? 1 : Math.Abs(min) * 0.1;
            min -= pad;
            max += pad;
        }
        var step = Step(max - min, target, whole);
        var lo = Math.Floor(min / step + 1e-9) * step;
        var hi = Math.Ceiling(max / step - 1e-9) * step;
        var ticks = new List<AxisTick>();
        var scale = SiScale(Math.Max(Math.Abs(lo), Math.Abs(hi)));
        for (var i = 0; ; i++)
        {
            var v = lo + i * step;
            if (v > hi + step * 1e-6 || i > 100) break;
            if (Math.Abs(v) < step * 1e-9) v = 0;
            ticks.Add(new AxisTick(v, FormatNumber(v, step, scale)));
        }
        return (lo, hi, ticks.ToArray());
    }

    /// <summary>Ticks inside [min, max] without widening (used for numeric x).</summary>
    public static AxisTick[] NumericInside(double min, double max, int target, bool whole = false)
    {
        var step = Step(max - min, target, whole);
        var scale = SiScale(Math.Max(Math.Abs(min), Math.Abs(max)));
        var ticks = new List<AxisTick>();
        var first = Math.Ceiling(min / step - 1e-9);
        for (var i = 0; i <= 100; i++)
        {
            var v = (first + i) * step;
            if (v > max + step * 1e-6) break;
            if (Math.Abs(v) < step * 1e-9) v = 0;
            ticks.Add(new AxisTick(v, FormatNumber(v, step, scale)));
        }
        return ticks.ToArray();
    }

    /// <summary>A nice step; for whole-number data at least 1 and itself whole (2.5 becomes 2).</summary>
    private static double Step(double range, int target, bool whole)
    {
        var step = NiceStep(range, Math.Max(2, target));
        return whole ? Math.Max(1, Math.Floor(step)) : step;
    }

    public static double NiceStep(double range, int target)
    {
        if (!(range > 0) || !double.IsFinite(range)) return 1;
        var raw = range / target;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var normalized = raw / magnitude;
        var nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 2.5 ? 2.5 : normalized <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    private static (double Divisor, string Suffix) SiScale(double largest) =>
        largest >= 1e9 ? (1e9, "G") : largest >= 1e6 ? (1e6, "M") : largest >= 1e4 ? (1e3, "k") : (1, "");

    private static string FormatNumber(double v, double step, (double Divisor, string Suffix) scale)
    {
        var scaledStep = step / scale.Divisor;
        var decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(scaledStep) - 1e-9), 0, 10);
        // 2.5 × 10^k steps need one more digit than their power of ten.
        if (Math.Abs(scaledStep * Math.Pow(10, decimals) % 1) > 1e-6) decimals++;
        var text = (v / scale.Divisor).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        if (text.StartsWith('-') && text.Trim('-', '0', '.').Length == 0) text = text[1..];
        return v == 0 ? "0" : text + scale.Suffix;
    }

    private static readonly long[] TimeSteps =
    {
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800,
    };

    /// <summary>Time ticks inside [min, max] (seconds since epoch), labelled in the clock of <paramref name="offset"/>.</summary>
    public static AxisTick[] Time(double min, double max, int target, TimeSpan offset)
    {
        target = Math.Max(2, target);
        var range = max - min;
        var step = TimeSteps.FirstOrDefault(s => range / s <= target);
        if (step == 0) return CalendarTicks(min, max, target, offset);
        if (range < 1) return NumericInside(min, max, target).Select(t => new AxisTick(t.Value, ClockLabel(t.Value, offset, "HH:mm:ss.FFF"))).ToArray();

        var shift = offset.TotalSeconds;
        // Weeks start on Monday (the epoch was a Thursday).
        var phase = step == 604800 ? 4 * 86400 : 0;
        var first = Math.Ceiling((min + shift - phase) / step) * step + phase - shift;
        var ticks = new List<AxisTick>();
        DateTime? previous = null;
        for (var v = first; v <= max + 1e-6 && ticks.Count <= 100; v += step)
        {
            var clock = ChartX.ToClock(v, offset);
            string format;
            if (step >= 86400) format = "MM-dd";
            else
            {
                var time = step < 60 ? "HH:mm:ss" : "HH:mm";
                // Show the date on the first tick and wherever the day changes.
                format = previous == null || previous.Value.Date != clock.Date ? "MM-dd " + time : time;
            }
            ticks.Add(new AxisTick(v, clock.ToString(format, CultureInfo.InvariantCulture)));
            previous = clock;
        }
        return ticks.ToArray();
    }

    private static AxisTick[] CalendarTicks(double min, double max, int target, TimeSpan offset)
    {
        var from = ChartX.ToClock(min, offset);
        var to = ChartX.ToClock(max, offset);
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month + 1;
        var monthStep = new[] { 1, 2, 3, 6, 12, 24, 60, 120, 600 }.FirstOrDefault(s => months / (double)s <= target);
        if (monthStep == 0) monthStep = 1200;
        var start = new DateTime(from.Year, 1, 1);
        var ticks = new List<AxisTick>();
        for (var d = start; d <= to && ticks.Count <= 100; d = d.AddMonths(monthStep))
        {
            if (d < from) continue;
            var v = (d.Ticks - DateTime.UnixEpoch.Ticks) / (double)TimeSpan.TicksPerSecond - offset.TotalSeconds;
            ticks.Add(new AxisTick(v, d.ToString(monthStep >= 12 ? "yyyy" : "yyyy-MM", CultureInfo.InvariantCulture)));
        }
        return ticks.ToArray();
    }

    private static string ClockLabel(double v, TimeSpan offset, string format) =>
        ChartX.ToClock(v, offset).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A full timestamp or number for summaries and hover text.</summary>
    public static string FormatX(double v, bool isTime, TimeSpan offset)
    {
        if (!isTime) return Formatter.ScalarText(v);
        var clock = ChartX.ToClock(v, offset);
        var text = clock.ToString(clock.Millisecond == 0 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
        return offset == TimeSpan.Zero ? text : text + " " + FormatOffset(offset);
    }

    private static string FormatOffset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture);
}
