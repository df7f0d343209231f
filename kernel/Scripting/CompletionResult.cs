namespace Ops.Kernel.Scripting;

/// <summary>Completion candidates and the span of the code they replace (Jupyter's cursor_start/cursor_end).</summary>
public sealed record CompletionResult(IReadOnlyList<string> Matches, int CursorStart, int CursorEnd);

/// <summary>What the symbol at the cursor is: signature and documentation summary.</summary>
public sealed record InspectionResult(string Symbol, string PlainText);

/// <summary>Jupyter's is_complete answer: "complete", "incomplete" (with indent) or "invalid".</summary>
public sealed record Completeness(string Status, string Indent);
