namespace Ops.Display;

/// <summary>
/// The ambient display sink of the running execution. Flows with async calls, so library code
/// deep inside a cell displays into that cell's output. With no ambient sink the process-wide host
/// sink takes the display (a foreign notebook host such as .NET Interactive sets one); with neither,
/// displays print their text.
/// </summary>
public static class DisplayContext
{
    private static readonly AsyncLocal<IDisplaySink?> Ambient = new();
    private static volatile IDisplaySink? _host;

    public static IDisplaySink Current => Ambient.Value ?? _host ?? ConsoleSink.Instance;

    /// <summary>
    /// Sets the sink used when no execution has made one current (null restores printing). Hosts
    /// that run cells without going through <see cref="Use"/> call this once when they load the library.
    /// </summary>
    public static void SetHost(IDisplaySink? sink) => _host = sink;

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
