namespace Ops.Kernel.Scripting;

/// <summary>Completion candidates and the span of the code they replace (Jupyter's cursor_start/cursor_end).</summary>
public sealed record CompletionResult(IReadOnlyList<string> Matches, int CursorStart, int CursorEnd);

/// <summary>What the symbol at the cursor is: signature and documentation summary.</summary>
public sealed record InspectionResult(string Symbol, string PlainText);

public enum CompletenessStatus { Complete, Incomplete, Invalid }

/// <summary>Whether code is ready to run (Jupyter's is_complete); <see cref="Indent"/> is for the next line of incomplete code.</summary>
public sealed record Completeness(CompletenessStatus Status, string Indent)
{
    public static Completeness Complete { get; } = new(CompletenessStatus.Complete, "");

    public static Completeness Invalid { get; } = new(CompletenessStatus.Invalid, "");

    public static Completeness Incomplete(string indent) => new(CompletenessStatus.Incomplete, indent);
}
