using System.Text.Json;

namespace Ops.Wireless;

/// <summary>One change made (or handed to an operator) on a radio, with the state before and after.</summary>
public sealed record ChangeRecord(DateTimeOffset Time, string Controller, string Ap, int Slot, string Band, string Via, string Before, string After, string Reason);

/// <summary>
/// Every channel change, as JSON lines in a file (when given) and echoed to a writer, written before
/// the change (its "before") and after it, so an interrupted change still leaves a trace. Each write
/// replaces the file through a temporary file and a rename: a crash never leaves half a line.
/// </summary>
public sealed class ChangeLog(string? path = null, TextWriter? echo = null, TimeProvider? clock = null)
{
    private readonly object _lock = new();
    private readonly List<ChangeRecord> _records = new();

    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;
    public string? Path { get; } = path;
    public IReadOnlyList<ChangeRecord> Records { get { lock (_lock) return _records.ToList(); } }

    public void Write(ChangeRecord record)
    {
        lock (_lock)
        {
            _records.Add(record);
            if (Path is { } file)
            {
                var before = File.Exists(file) ? File.ReadAllText(file) : "";
                if (before.Length > 0 && !before.EndsWith('\n')) before += "\n";
                AtomicFile.WriteAllText(file, before + JsonSerializer.Serialize(record, WlcJson.Compact) + "\n");
            }
            echo?.WriteLine($"{record.Controller} {record.Ap} slot {record.Slot} ({record.Via}): {record.Before} -> {record.After} ({record.Reason})");
        }
    }
}
