namespace Ops.Display;

/// <summary>
/// A displayed output that can be replaced in place: progress bars, live tables. The sink is the
/// one current when the value was first displayed, so updates from background work still land
/// in the right cell.
/// </summary>
public sealed class DisplayHandle
{
    private readonly IDisplaySink _sink;

    internal DisplayHandle(IDisplaySink sink, string id)
    {
        _sink = sink;
        Id = id;
    }

    public string Id { get; }

    /// <summary>Replaces the output with the rendering of <paramref name="value"/>.</summary>
    public void Update(object? value) => _sink.Publish(Formatter.Format(value), Id, isUpdate: true);

    /// <summary>Displays <paramref name="value"/> as a new output in the current context.</summary>
    public static DisplayHandle Show(object? value)
    {
        var sink = DisplayContext.Current;
        var handle = new DisplayHandle(sink, Guid.NewGuid().ToString("N"));
        sink.Publish(Formatter.Format(value), handle.Id, isUpdate: false);
        return handle;
    }
}
