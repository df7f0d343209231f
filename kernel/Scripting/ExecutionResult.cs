using Ops.Display;

namespace Ops.Kernel.Scripting;

public enum ExecutionStatus { Ok, Error, Cancelled }

/// <summary>An error as frontends show it: Jupyter's ename, evalue and traceback lines.</summary>
public sealed record ExecutionError(string Name, string Message, IReadOnlyList<string> Traceback)
{
    /// <summary>An error without a stack: its traceback is the one line "Name: message".</summary>
    public static ExecutionError Plain(string name, string message) => new(name, message, [$"{name}: {message}"]);
}

/// <summary>
/// The outcome of one cell. <see cref="Value"/> is the rendering of the cell's last expression
/// (execute_result), null when the cell ends in a statement. Cancelled results carry an error too.
/// The factories leave <see cref="Duration"/> zero; the engine stamps the cell's wall time last.
/// </summary>
public sealed record ExecutionResult(ExecutionStatus Status, MimeBundle? Value, ExecutionError? Error, TimeSpan Duration)
{
    /// <summary>The name of the error a stuck cell reports.</summary>
    public const string StuckErrorName = "CellStuck";

    /// <summary>The cell ran; <paramref name="value"/> is its rendered last expression, if it has one.</summary>
    public static ExecutionResult Ok(MimeBundle? value = null) => new(ExecutionStatus.Ok, value, null, TimeSpan.Zero);

    public static ExecutionResult Failed(ExecutionError error) => new(ExecutionStatus.Error, null, error, TimeSpan.Zero);

    /// <summary>A failure found before the cell ran (an unknown magic, a package that cannot be restored).</summary>
    public static ExecutionResult Failed(string name, string message) => Failed(ExecutionError.Plain(name, message));

    public static ExecutionResult CompileError(IReadOnlyList<Microsoft.CodeAnalysis.Diagnostic> errors) => Failed(Traceback.FromDiagnostics(errors));

    /// <summary>The cell threw; the traceback keeps the frames of the cell at <paramref name="cellPath"/>.</summary>
    public static ExecutionResult Threw(Exception exception, string cellPath) => Failed(Traceback.FromException(exception, cellPath));

    public static ExecutionResult Interrupted() =>
        new(ExecutionStatus.Cancelled, null, ExecutionError.Plain("OperationCanceledException", "the cell was interrupted"), TimeSpan.Zero);

    /// <summary>The cell ignored its interrupt and was abandoned, still running.</summary>
    public static ExecutionResult Stuck(string message) =>
        new(ExecutionStatus.Cancelled, null, ExecutionError.Plain(StuckErrorName, message), TimeSpan.Zero);
}
