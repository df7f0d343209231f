namespace Ops.Display;

/// <summary>
/// The ambient display sink of the running execution. Flows with async calls, so library code
/// deep inside a cell displays into that cell's output. With no host, displays print their text.
/// </summary>
public static class DisplayContext
{
    private static readonly AsyncLocal<IDisplaySink?> Ambient = new();

    public static IDisplaySink Current => Ambient.Value ?? ConsoleSink.Instance;

    /// <summary>Makes <paramref name="sink"/> current until the returned scope is disposed.</summary>
    public static IDisposable Use(IDisplaySink sink)
    {
        var previous = Ambient.Value;
        Ambient.Value = sink;
        return new Scope(() => Ambient.Value = previous);
    }

    private sealed class Scope(Action restore) : IDisposable
    {
        private Action? _restore = restore;
        public void Dispose() { _restore?.Invoke(); _restore = null; }
    }

    private sealed class ConsoleSink : IDisplaySink
    {
        public static readonly ConsoleSink Instance = new();
        public void Publish(MimeBundle bundle, string displayId, bool isUpdate) => Console.Out.WriteLine(bundle.PlainText);
    }
}
