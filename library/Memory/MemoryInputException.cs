namespace Ops.Memory;

/// <summary>
/// A line of memory input (vmstat, sar, kill report, access log, smaps) that could not be read.
/// The message names the file and line so the engineer can open it at the right place.
/// </summary>
public sealed class MemoryInputException : FormatException
{
    public MemoryInputException(string source, long line, string problem, string? hint = null)
        : base($"{source}:{line}: {problem}" + (hint is null ? "" : $" ({hint})"))
    {
        Source = source;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file name (or stream label) the line came from.</summary>
    public new string Source { get; }

    /// <summary>1-based line number.</summary>
    public long Line { get; }

    /// <summary>What was wrong, without the location.</summary>
    public string Problem { get; }
}
