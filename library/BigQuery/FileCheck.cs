namespace Ops.BigQuery;

/// <summary>The outcome of checking one file.</summary>
public sealed class FileCheck
{
    internal FileCheck(string file) => File = file;

    public string File { get; }
    public bool Compressed { get; internal set; }
    public long Rows { get; internal set; }
    public long BadRecords { get; internal set; }
    public long Warnings { get; internal set; }
    /// <summary>Bytes on disk (compressed size for .gz).</summary>
    public long FileBytes { get; internal set; }
    /// <summary>Bytes after decompression.</summary>
    public long UncompressedBytes { get; internal set; }
    /// <summary>BigQuery logical bytes of the values that load (what BigQuery bills active storage on).</summary>
    public long LogicalBytes { get; internal set; }
    /// <summary>A problem that fails the whole job (corrupt gzip, over 4 GB, unreadable).</summary>
    public bool Fatal { get; internal set; }
    public List<LoadProblem> Problems { get; } = new();
    public long ProblemCount { get; internal set; }
    public Dictionary<string, long> RuleCounts { get; } = new();
}
