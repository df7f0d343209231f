namespace Ops.Kernel.Notebooks;

/// <summary>How <see cref="NotebookRunner"/> runs a notebook.</summary>
public sealed record RunOptions
{
    public IReadOnlyDictionary<string, ParameterInput> Parameters { get; init; } = new Dictionary<string, ParameterInput>();

    /// <summary>Longest a single cell may run; null for no limit.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>Keep running after a failing cell (the run still reports the failure).</summary>
    public bool AllowErrors { get; init; }

    /// <summary>Replace secrets before the notebook is returned for writing. Only --no-redact turns it off.</summary>
    public bool Redact { get; init; } = true;

    /// <summary>Where progress lines go (stderr for the CLI); null for none.</summary>
    public TextWriter? Progress { get; init; }

    /// <summary>
    /// Called when a cell ends the process (Environment.Exit): the run so far, that cell failed and the
    /// rest skipped, redacted, for writing and reporting before the process ends (with exit code 1).
    /// </summary>
    public Action<RunResult>? ProcessEnded { get; init; }

    /// <summary>Recorded as the notebook path in provenance (defaults to the notebook's path).</summary>
    public string? DisplayPath { get; init; }
}
