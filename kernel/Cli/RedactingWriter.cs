using System.Text;
using Ops.Secrets;

namespace Ops.Kernel.Cli;

/// <summary>
/// Console output with secrets redacted as in written files (progress lines, failure summaries,
/// logs, echoes of the command line). Text is redacted a line at a time, so a secret written in
/// pieces (<c>Write("Password="); Write(value)</c>) is still one text; a partial line is let out
/// when flushed or after a short quiet time (a prompt must appear), and a PEM key is held until
/// its end line (bounded).
/// </summary>
internal sealed class RedactingWriter : TextWriter
{
    private const int MaxHeld = 64 * 1024;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter _inner;
    private readonly SecretScanner _scanner;
    private readonly StringBuilder _pending = new();
    private readonly Lock _gate = new();
    private readonly Timer _timer;

    public RedactingWriter(TextWriter inner, SecretScanner scanner)
    {
        _inner = inner;
        _scanner = scanner;
        _timer = new Timer(_ => Flush(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Wraps stdout and stderr; the interactive REPL's own terminal output is left alone (it draws partial lines).</summary>
    public static void Install(bool includeOut)
    {
        var scanner = new SecretScanner();
        if (includeOut) Console.SetOut(new RedactingWriter(Console.Out, scanner));
        Console.SetError(new RedactingWriter(Console.Error, scanner));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { Console.Out.Flush(); Console.Error.Flush(); };
    }

    public override Encoding Encoding => _inner.Encoding;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        lock (_gate)
        {
            _pending.Append(value);
            var lastNewline = LastCompleteLine();
            if (lastNewline >= 0)
            {
                var text = _pending.ToString(0, lastNewline + 1);
                _pending.Remove(0, lastNewline + 1);
                Emit(text);
            }
            _timer.Change(_pending.Length > 0 ? Quiet : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public override void WriteLine(string? value) => Write((value ?? "") + NewLine);

    public override void Flush()
    {
        lock (_gate)
        {
            if (_pending.Length > 0)
            {
                var text = _pending.ToString();
                _pending.Clear();
                Emit(text);
            }
            _inner.Flush();
        }
    }

    // The end of the last complete line that may go out now: not inside an unfinished PEM block.
    private int LastCompleteLine()
    {
        var text = _pending.ToString();
        var last = text.LastIndexOf('\n');
        if (last < 0) return -1;
        var begin = text.LastIndexOf("-----BEGIN ", StringComparison.Ordinal);
        if (begin >= 0 && text.IndexOf("-----END ", begin, StringComparison.Ordinal) < 0 && text.Length < MaxHeld)
            return begin == 0 ? -1 : text.LastIndexOf('\n', begin - 1);
        return last;
    }

    private void Emit(string text)
    {
        _inner.Write(_scanner.Redact(text, out _, TextKind.Prose));
        _inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
            _timer.Dispose();
        }
        base.Dispose(disposing);
    }
}
