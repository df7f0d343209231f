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
    public static IDisposable Use(IDisplaySink sink) => AmbientScope<IDisplaySink>.Set(Ambient, sink);

    private sealed class ConsoleSink : IDisplaySink
    {
        public static readonly ConsoleSink Instance = new();
        public void Publish(MimeBundle bundle, string displayId, bool isUpdate) => Console.Out.WriteLine(bundle.PlainText);
    }
}
