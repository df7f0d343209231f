namespace Ops.Aurora;

/// <summary>One trial as bars: writer downtime split into connection errors and read-only tail, and reader downtime.</summary>
public sealed record DowntimeBar(string Trial, double WriterConnectionErrorSeconds, double WriterReadOnlySeconds, double ReaderSeconds)
{
    public double WriterSeconds => WriterConnectionErrorSeconds + WriterReadOnlySeconds;
}
