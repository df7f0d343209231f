using Ops.Display;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Repl;

/// <summary>
/// The REPL's execution host: streams and displays go to the terminal as text (tables aligned,
/// charts as their text summary). A display updated in place, like a progress bar, is redrawn
/// on its own line when it is the last thing printed, else printed again.
/// </summary>
internal sealed class TerminalHost(TextWriter output, TextWriter error, Func<string, bool, string>? readInput) : IExecutionHost
{
    private readonly object _lock = new();
    private string? _lastDisplayId;
    private bool _lastWasSingleLine;
    private bool _atLineStart = true;

    public bool Colour { get; init; }

    public void WriteStream(string name, string text)
    {
        lock (_lock)
        {
            var target = name == "stderr" ? error : output;
            if (name == "stderr" && Colour) target.Write("\u001b[31m" + text + "\u001b[0m");
            else target.Write(text);
            target.Flush();
            _atLineStart = text.EndsWith('\n');
            _lastDisplayId = null;
        }
    }

    public void Publish(MimeBundle bundle, string displayId, bool isUpdate)
    {
        lock (_lock)
        {
            var text = bundle.PlainText;
            var singleLine = !text.Contains('\n');
            if (isUpdate && displayId == _lastDisplayId && _lastWasSingleLine && singleLine && !Console.IsOutputRedirected)
            {
                output.Write("\r\u001b[2K" + text + "\n");
            }
            else
            {
                if (!_atLineStart) output.Write('\n');
                output.Write(text + "\n");
            }
            output.Flush();
            _atLineStart = true;
            _lastDisplayId = displayId;
            _lastWasSingleLine = singleLine;
        }
    }

    /// <summary>Clears the terminal (screen and scrollback) as Console.Clear would; output to a pipe or file is left alone.</summary>
    public void ClearOutput(bool wait)
    {
        if (Console.IsOutputRedirected) return;
        lock (_lock)
        {
            output.Write("\u001b[2J\u001b[3J\u001b[H");
            output.Flush();
            _atLineStart = true;
            _lastDisplayId = null;
        }
    }

    public void WriteError(ExecutionError error1)
    {
        lock (_lock)
        {
            if (!_atLineStart) output.Write('\n');
            output.Flush();
            var text = string.Join("\n", error1.Traceback.Count > 0 ? error1.Traceback : new[] { $"{error1.Name}: {error1.Message}" });
            error.WriteLine(Colour ? "\u001b[31m" + text + "\u001b[0m" : text);
            error.Flush();
            _atLineStart = true;
            _lastDisplayId = null;
        }
    }

    public void WriteValue(MimeBundle value) => Publish(value, Guid.NewGuid().ToString("N"), isUpdate: false);

    public string ReadInput(string prompt, bool password) =>
        readInput?.Invoke(prompt, password) ?? throw new InputNotAllowedException(
            "this REPL reads its code from stdin, so a cell cannot ask for input; pass the value in the code instead");
}
