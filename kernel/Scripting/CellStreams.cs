using System.Text;

namespace Ops.Kernel.Scripting;

/// <summary>
/// The Console output of one execution, kept in order across stdout and stderr: text is passed
/// to the host at each newline (the other stream's pending text first, so interleaving is kept)
/// and at least every 50 ms, and whatever is left when the cell ends, even when it throws.
/// </summary>
internal sealed class CellStreams : IDisposable
{
    private readonly IExecutionHost _host;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();
    private readonly object _lock = new();
    private readonly Timer _timer;

    public CellStreams(IExecutionHost host)
    {
        _host = host;
        _timer = new Timer(_ => Flush(), null, 50, 50);
    }

    public IExecutionHost Host => _host;

    public void Write(bool error, string text)
    {
        if (text.Length == 0) return;
        lock (_lock)
        {
            var mine = error ? _err : _out;
            var other = error ? _out : _err;
            if (other.Length > 0) Emit(!error, other);
            mine.Append(text);
            var lastNewline = LastIndexOf(mine, '\n');
            if (lastNewline >= 0)
            {
                var chunk = mine.ToString(0, lastNewline + 1);
                mine.Remove(0, lastNewline + 1);
                Send(error, chunk);
            }
        }
    }

    public void Flush()
    {
        lock (_lock)
        {
            if (_out.Length > 0) Emit(false, _out);
            if (_err.Length > 0) Emit(true, _err);
        }
    }

    private void Emit(bool error, StringBuilder sb)
    {
        var text = sb.ToString();
        sb.Clear();
        Send(error, text);
    }

    private void Send(bool error, string text)
    {
        try { _host.WriteStream(error ? "stderr" : "stdout", text); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A broken frontend must not turn a cell's Console.Write into a failure of the cell.
            ConsoleCapture.OriginalError.WriteLine($"ops: dropping cell output: {e.Message}");
        }
    }

    private static int LastIndexOf(StringBuilder sb, char c)
    {
        for (var i = sb.Length - 1; i >= 0; i--) if (sb[i] == c) return i;
        return -1;
    }

    public void Dispose()
    {
        _timer.Dispose();
        Flush();
    }
}
