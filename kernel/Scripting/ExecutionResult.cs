using Ops.Display;

namespace Ops.Kernel.Scripting;

public enum ExecutionStatus { Ok, Error, Cancelled }

/// <summary>An error as frontends show it: Jupyter's ename, evalue and traceback lines.</summary>
public sealed record ExecutionError(string Name, string Message, IReadOnlyList<string> Traceback);

/// <summary>
/// The outcome of one cell. <see cref="Value"/> is the rendering of the cell's last expression
/// (execute_result), null when the cell ends in a statement. Cancelled results carry an error too.
/// </summary>
public sealed record ExecutionResult(ExecutionStatus Status, MimeBundle? Value, ExecutionError? Error, TimeSpan Duration);
