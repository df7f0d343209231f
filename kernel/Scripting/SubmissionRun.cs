namespace Ops.Kernel.Scripting;

/// <summary>How a cell's run ended; <see cref="Take"/> hands the value and exception over once.</summary>
internal sealed class SubmissionRun(object? returnValue, Exception? exception)
{
    private object? _returnValue = returnValue;

    public Exception? Exception { get; set; } = exception;

    /// <summary>The run ended by its interrupt (the cell threw the cancellation of its own token).</summary>
    public bool Interrupted { get; set; }

    /// <summary>
    /// The finished run task (and whatever still points at it) must not keep the cell's value or
    /// exception, and with them the cell's code, alive: the engine takes them out of the run.
    /// </summary>
    public (object? Value, Exception? Exception) Take()
    {
        var taken = (_returnValue, Exception);
        _returnValue = null;
        Exception = null;
        return taken;
    }
}
