namespace Ops.Kernel.Notebooks;

/// <summary>
/// Catches a cell ending the process (<c>Environment.Exit</c>, SIGTERM): .NET raises ProcessExit on
/// another thread while the caller blocks in Exit, so the runner can still write the notebook up to
/// that cell and its summary. The exit code then becomes <see cref="FailedRun"/>
/// (setting <see cref="Environment.ExitCode"/> there decides the code the process ends with).
/// </summary>
internal static class ProcessExitGuard
{
    /// <summary>A failed cell is a finding in the exit-code table (README "Exit codes"); this layer sits below the command line, so it names the value itself.</summary>
    internal const int FailedRun = 1;

    private static readonly object Gate = new();
    private static Action<int>? _onExit;
    private static bool _hooked;

    /// <summary>While the returned scope is open, a process exit calls <paramref name="onExit"/> with the code the cell asked for.</summary>
    public static IDisposable Watch(Action<int> onExit)
    {
        lock (Gate)
        {
            if (!_hooked) { AppDomain.CurrentDomain.ProcessExit += OnProcessExit; _hooked = true; }
            var previous = _onExit;
            _onExit = onExit;
            return new Scope(previous);
        }
    }

    private static void OnProcessExit(object? sender, EventArgs e)
    {
        Action<int>? handler;
        lock (Gate) { handler = _onExit; _onExit = null; }
        if (handler is null) return;
        var requested = Environment.ExitCode;
        try { handler(requested); }
        finally { Environment.ExitCode = FailedRun; }
    }

    private sealed class Scope(Action<int>? previous) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate) _onExit = previous;
        }
    }
}
