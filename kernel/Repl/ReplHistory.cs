using System.Text.Json;

namespace Ops.Kernel.Repl;

/// <summary>
/// Submissions kept across sessions in the user's profile, one JSON string per line so that
/// multi-line submissions survive. The file is rewritten whole through <see cref="AtomicFile"/>
/// (at most <see cref="Limit"/> entries, so a few hundred KB), never appended in place, so a
/// killed REPL leaves the previous history or the new one. A line that cannot be read (a file
/// from an older build cut by a crash, a hand edit) is skipped alone; the rest is kept.
/// </summary>
internal sealed class ReplHistory
{
    private const int Limit = 2000;
    private readonly List<string> _entries = new();
    private readonly string? _path;

    public ReplHistory(string? path)
    {
        _path = path;
        if (path == null || !File.Exists(path)) return;
        var skipped = 0;
        var firstSkipped = 0;
        try
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNumber++;
                if (line.Length == 0) continue;
                if (TryParse(line) is { Length: > 0 } entry) _entries.Add(entry);
                else if (skipped++ == 0) firstSkipped = lineNumber;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ops repl: ignoring unreadable history {path}: {e.Message}");
            _entries.Clear();
            return;
        }
        if (skipped > 0)
            Console.Error.WriteLine($"ops repl: skipped {skipped} unreadable line(s) of history {path} (first at line {firstSkipped}); the rest is kept");
        if (_entries.Count > Limit) _entries.RemoveRange(0, _entries.Count - Limit);
    }

    private static string? TryParse(string line)
    {
        try { return JsonSerializer.Deserialize<string>(line); }
        catch (JsonException) { return null; }
    }

    public static string DefaultPath =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "ops", "repl-history");

    public IReadOnlyList<string> Entries => _entries;

    public void Add(string entry)
    {
        entry = entry.TrimEnd();
        if (entry.Length == 0 || (_entries.Count > 0 && _entries[^1] == entry)) return;
        _entries.Add(entry);
        if (_path == null) return;
        try
        {
            if (_entries.Count > Limit) _entries.RemoveRange(0, _entries.Count - Limit);
            AtomicFile.WriteAllText(_path, string.Concat(_entries.Select(e => JsonSerializer.Serialize(e) + "\n")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ops repl: cannot save history to {_path}: {e.Message}");
        }
    }
}
