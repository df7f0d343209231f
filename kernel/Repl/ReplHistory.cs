using System.Text.Json;

namespace Ops.Kernel.Repl;

/// <summary>
/// Submissions kept across sessions in the user's profile, one JSON string per line so that
/// multi-line submissions survive. A broken history file is set aside, never fatal.
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
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.Length == 0) continue;
                var entry = JsonSerializer.Deserialize<string>(line);
                if (!string.IsNullOrEmpty(entry)) _entries.Add(entry);
            }
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ops repl: ignoring unreadable history {path}: {e.Message}");
            _entries.Clear();
        }
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
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            if (_entries.Count > Limit)
            {
                _entries.RemoveRange(0, _entries.Count - Limit);
                AtomicFile.WriteAllText(_path, string.Concat(_entries.Select(e => JsonSerializer.Serialize(e) + "\n")));
            }
            else File.AppendAllText(_path, JsonSerializer.Serialize(entry) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"ops repl: cannot save history to {_path}: {e.Message}");
        }
    }
}
