using System.Text;

namespace Ops.Kernel.Scripting;

/// <summary>
/// Replaces Console.Out, Console.Error and Console.In once per process with writers that route to
/// the execution running in the current async flow (or, for threads it did not start, the one
/// running now). Text written outside any execution goes to the original streams.
/// </summary>
internal static class ConsoleCapture
{
    private static readonly AsyncLocal<CellStreams?> Flow = new();
    private static volatile CellStreams? _running;
    private static int _installed;

    public static TextWriter OriginalOut { get; private set; } = Console.Out;
    public static TextWriter OriginalError { get; private set; } = Console.Error;
    public static TextReader OriginalIn { get; private set; } = Console.In;

    public static IExecutionHost? CurrentHost => (Flow.Value ?? _running)?.Host;

    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1) return;
        OriginalOut = Console.Out;
        OriginalError = Console.Error;
        OriginalIn = Console.In;
        Console.SetOut(new RoutingWriter(error: false));
        Console.SetError(new RoutingWriter(error: true));
        Console.SetIn(new RoutingReader());
    }

    /// <summary>Routes Console to <paramref name="streams"/> for the calling flow until disposed.</summary>
    public static IDisposable Begin(CellStreams streams)
    {
        Flow.Value = streams;
        _running = streams;
        return new End(streams);
    }

    private sealed class End(CellStreams streams) : IDisposable
    {
        public void Dispose()
        {
            if (ReferenceEquals(_running, streams)) _running = null;
            Flow.Value = null;
        }
    }

    private sealed class RoutingWriter(bool error) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        private TextWriter Original => error ? OriginalError : OriginalOut;

        public override void Write(char value) => Write(value.ToString());

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            var target = Flow.Value ?? _running;
            if (target != null) target.Write(error, value);
            else Original.Write(value);
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));
        public override void WriteLine(string? value) => Write((value ?? "") + "\n");
        public override void WriteLine() => Write("\n");

        public override void Flush()
        {
            var target = Flow.Value ?? _running;
            if (target != null) target.Flush();
            else Original.Flush();
        }
    }

    private sealed class RoutingReader : TextReader
    {
        public override string? ReadLine()
        {
            var target = Flow.Value ?? _running;
            if (target == null) return OriginalIn.ReadLine();
            target.Flush();
            return target.Host.ReadInput("", password: false);
        }

        public override int Read() => OriginalIn.Read();
        public override int Peek() => OriginalIn.Peek();
    }
}
