using System.Text;
using Ops.Display;

namespace Ops.Kernel.Scripting;

/// <summary>
/// The Console output of one execution, coalesced as ipykernel does: text is buffered and passed to
/// the host a short interval after the first unsent write, when a buffer reaches
/// <see cref="MaxMessageChars"/> (so every message is bounded), before a display, clear or input
/// prompt (so they keep their place among the text), and when the cell ends, even when it throws.
/// Order across stdout and stderr is kept: writing to one stream first sends the other's pending text.
/// </summary>
internal sealed class CellStreams : IDisposable
{
    /// <summary>The largest text one stream message carries; longer output is cut at a line end where possible.</summary>
    public const int MaxMessageChars = 64 * 1024;

    /// <summary>How long written text may wait for more before it is sent.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(20);

    private readonly IExecutionHost _host;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();
    private readonly Lock _lock = new();
    private readonly Timer _timer;
    private bool _timerArmed;

    public CellStreams(IExecutionHost host)
    {
        _host = host;
        _timer = new Timer(_ => Flush());
        Host = new OrderedHost(this, host);
    }

    /// <summary>The host as the cell sees it: anything other than Console text first sends the buffered text.</summary>
    public IExecutionHost Host { get; }

    public void Write(bool error, string text)
    {
        if (text.Length == 0) return;
        lock (_lock)
        {
            var mine = error ? _err : _out;
            var other = error ? _out : _err;
            if (other.Length > 0) Emit(!error, other, other.Length);
            mine.Append(text);
            while (mine.Length >= MaxMessageChars) Emit(error, mine, CutPoint(mine));
            if (mine.Length > 0 && !_timerArmed)
            {
                _timerArmed = true;
                _timer.Change(FlushInterval, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Flush()
    {
        lock (_lock)
        {
            _timerArmed = false;
            if (_out.Length > 0) Emit(false, _out, _out.Length);
            if (_err.Length > 0) Emit(true, _err, _err.Length);
        }
    }

    /// <summary>Where a full buffer is cut: after the last newline in the first message's worth, else at the limit.</summary>
    private static int CutPoint(StringBuilder sb)
    {
        for (var i = MaxMessageChars - 1; i >= MaxMessageChars / 2; i--) if (sb[i] == '\n') return i + 1;
        return char.IsHighSurrogate(sb[MaxMessageChars - 1]) ? MaxMessageChars - 1 : MaxMessageChars;
    }

    private void Emit(bool error, StringBuilder sb, int length)
    {
        var text = sb.ToString(0, length);
        sb.Remove(0, length);
        try { _host.WriteStream(error ? "stderr" : "stdout", text); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A broken frontend must not turn a cell's Console.Write into a failure of the cell.
            ConsoleCapture.OriginalError.WriteLine($"ops: dropping cell output: {e.Message}");
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
    }

    private sealed class OrderedHost(CellStreams streams, IExecutionHost host) : IExecutionHost
    {
        public void WriteStream(string name, string text) => streams.Write(name == "stderr", text);

        public void Publish(MimeBundle bundle, string displayId, bool isUpdate)
        {
            streams.Flush();
            host.Publish(bundle, displayId, isUpdate);
        }

        public void ClearOutput(bool wait)
        {
            streams.Flush();
            host.ClearOutput(wait);
        }

        public void Page(MimeBundle bundle) => host.Page(bundle);

        public string ReadInput(string prompt, bool password)
        {
            streams.Flush();
            return host.ReadInput(prompt, password);
        }
    }
}
