using Ops.Kernel.Scripting;

namespace Ops.Kernel.Repl;

/// <summary>
/// <c>ops repl</c>. On a terminal: an interactive session where a submission continues while it is
/// incomplete, Ctrl+C interrupts the running cell, Ctrl+D exits. With stdin piped: runs the input
/// as a script split into submissions by syntax (<see cref="PipedSubmissions"/>), prints each result,
/// exits 1 at the first error.
/// </summary>
internal sealed class Repl
{
    public const string Help = """
        ops repl: C# with the ops library loaded (Ops.* namespaces imported).
          Enter runs the submission once it is complete; an incomplete one continues on the next line.
          Tab completes, Up/Down walk the history, Ctrl+R searches it, Ctrl+C interrupts a running
          cell (or clears the line), Ctrl+D on an empty line exits.
          Magics: #!time  #!who  #!lsmagic   Directives: #r "path.dll"  #r "nuget: Id, Version"
          #i "nuget: SOURCE"  #load "file.csx". ClearOutput() or Console.Clear() clears the screen.
          #help shows this text.
        """;

    private readonly ScriptEngine _engine;
    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private CancellationTokenSource? _running;

    public Repl(ScriptEngine engine, TextWriter output, TextWriter error)
    {
        _engine = engine;
        _out = output;
        _err = error;
    }

    /// <summary>Runs code read from <paramref name="input"/>; 0 when every submission succeeded, 1 at the first error.</summary>
    public async Task<int> RunScriptAsync(TextReader input, CancellationToken cancellationToken)
    {
        var host = new TerminalHost(_out, _err, readInput: null);
        var submissions = new PipedSubmissions(code => _engine.IsComplete(code).Status);
        string? line;
        while ((line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false)) != null)
        {
            foreach (var submission in submissions.Add(line))
                if (!await RunOne(submission, host, cancellationToken).ConfigureAwait(false)) return 1;
        }
        if (submissions.End() is { } last && !await RunOne(last, host, cancellationToken).ConfigureAwait(false)) return 1;
        return 0;
    }

    private async Task<bool> RunOne(PipedSubmissions.Submission submission, TerminalHost host, CancellationToken cancellationToken)
    {
        if (submission.IsHelp)
        {
            _out.WriteLine(Help);
            return true;
        }
        var startLine = submission.StartLine;
        var result = await _engine.ExecuteAsync(submission.Code, host, cancellationToken).ConfigureAwait(false);
        if (result.Value != null) host.WriteValue(result.Value);
        if (result.Status == ExecutionStatus.Ok) return true;
        _err.WriteLine($"error in the submission starting at stdin line {startLine}:");
        host.WriteError(result.Error!);
        return false;
    }

    public async Task<int> RunInteractiveAsync()
    {
        var colour = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var history = new ReplHistory(ReplHistory.DefaultPath);
        var editor = new LineEditor(_out, history, (code, cursor) =>
        {
            var c = _engine.Complete(code, cursor);
            return (c.Matches, c.CursorStart, c.CursorEnd);
        }) { Colour = colour };
        var host = new TerminalHost(_out, _err, (prompt, password) => ReadInputLine(prompt, password)) { Colour = colour };
        Console.CancelKeyPress += (_, e) =>
        {
            // Ctrl+C interrupts the running cell and never kills the session.
            e.Cancel = true;
            _running?.Cancel();
        };
        _out.WriteLine($"ops {Scripting.ProductVersion.Current} C# REPL. #help for keys and magics, Ctrl+D to exit.");
        while (true)
        {
            var submission = new System.Text.StringBuilder();
            editor.Context = "";
            var line = editor.ReadLine(colour ? "\u001b[32m>\u001b[0m " : "> ");
            if (line == null) return 0;
            if (line.Trim() == "#help") { _out.WriteLine(Help); continue; }
            submission.Append(line);
            while (_engine.IsComplete(submission.ToString()).Status == CompletenessStatus.Incomplete)
            {
                editor.Context = submission + "\n";
                var more = editor.ReadLine(". ");
                if (more == null) break;
                submission.Append('\n').Append(more);
            }
            var code = submission.ToString();
            if (string.IsNullOrWhiteSpace(code)) continue;
            history.Add(code);
            if (ScriptEngine.SpinningWarning("ops repl", "submission", RestartAdvice) is { } spinning) _err.WriteLine(spinning);
            using (_running = new CancellationTokenSource())
            {
                var result = await _engine.ExecuteAsync(code, host, _running.Token).ConfigureAwait(false);
                if (result.Value != null) Pager.Write(_out, result.Value.PlainText, host);
                if (result.Error != null) host.WriteError(result.Error);
                if (result.Abandoned) _err.WriteLine(char.ToUpperInvariant(RestartAdvice[0]) + RestartAdvice[1..] + ".");
            }
            _running = null;
        }
    }

    /// <summary>Only a new process ends a thread .NET cannot stop; history keeps the submissions.</summary>
    internal const string RestartAdvice = "leave with Ctrl+D and start `ops repl` again to stop it (the session's variables are lost; history keeps your submissions)";

    private string ReadInputLine(string prompt, bool password)
    {
        _out.Write(prompt);
        _out.Flush();
        if (!password) return ConsoleCapture.OriginalIn.ReadLine() ?? "";
        var text = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter) { _out.WriteLine(); return text.ToString(); }
            if (key.Key == ConsoleKey.Backspace) { if (text.Length > 0) text.Length--; }
            else if (!char.IsControl(key.KeyChar)) text.Append(key.KeyChar);
        }
    }
}
