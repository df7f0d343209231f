namespace Ops.BigQuery;

/// <summary>The bq load settings that change what fails, plus how the check runs.</summary>
public sealed record LoadCheckOptions
{
    /// <summary>bq's --max_bad_records: rows with errors tolerated before the job fails.</summary>
    public long MaxBadRecords { get; init; }
    /// <summary>bq's --ignore_unknown_values: fields absent from the schema are dropped instead of failing the row.</summary>
    public bool IgnoreUnknownValues { get; init; }
    /// <summary>BigQuery's JSON row limit (100 MB).</summary>
    public long MaxRowBytes { get; init; } = 100L * 1024 * 1024;
    /// <summary>BigQuery's gzip file limit (4 GB).</summary>
    public long MaxGzipBytes { get; init; } = 4L * 1024 * 1024 * 1024;
    /// <summary>Problems kept per file (all are counted).</summary>
    public int MaxProblemsPerFile { get; init; } = 100;
    /// <summary>Files checked at once; defaults to the processor count.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>
    /// Decompress each gzip file on a second thread when cores outnumber files twice over (one big
    /// file on two idle cores). Off by default: it adds CPU work and only helps when the cores are free.
    /// </summary>
    public bool DecompressAhead { get; init; }
    /// <summary>Show an <see cref="Ops.Display.Progress"/> (bytes of input read) in the current cell while checking.</summary>
    public bool ShowProgress { get; init; }
    /// <summary>Called as files start, advance (every few MB) and finish; from worker threads.</summary>
    public Action<LoadProgress>? Progress { get; init; }
}

/// <summary>Progress of one file: bytes of input consumed so far out of its size.</summary>
public sealed record LoadProgress(string File, long BytesDone, long BytesTotal, long Rows, bool Finished);
