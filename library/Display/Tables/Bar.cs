using System.Globalization;

namespace Ops.Display;

/// <summary>
/// A percentage cell drawn as a bar, like wlap's <c>[#####     ] 53 %</c>. Values outside
/// 0..100 are clamped for drawing but shown as given.
/// </summary>
public readonly record struct Bar(double Percent, int Width = 10)
{
    public override string ToString()
    {
        var width = Math.Max(1, Width);
        var filled = double.IsNaN(Percent) ? 0 : (int)Math.Round(Math.Clamp(Percent, 0, 100) / 100 * width);
        return "[" + new string('#', filled) + new string(' ', width - filled) + "] "
            + Percent.ToString("0", CultureInfo.InvariantCulture) + " %";
    }
}
