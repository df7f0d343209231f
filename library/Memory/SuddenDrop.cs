namespace Ops.Memory;

/// <summary>
/// Free memory on <paramref name="Host"/> falling from <paramref name="FromMb"/> at
/// <paramref name="Time"/> to <paramref name="ToMb"/> at <paramref name="End"/>: each step of the
/// fall was more than the threshold within the window, and touching falls are merged.
/// </summary>
public sealed record SuddenDrop(string Host, DateTime Time, DateTime End, double FromMb, double ToMb)
{
    public double DropMb => FromMb - ToMb;
    public TimeSpan Duration => End - Time;
}
