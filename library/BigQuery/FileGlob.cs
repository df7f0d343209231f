using System.Text.RegularExpressions;

namespace Ops.BigQuery;

/// <summary>Expands shell-style patterns (<c>*</c>, <c>?</c>, <c>**</c> for any depth) to existing files, sorted.</summary>
public static class FileGlob
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> patterns, string? baseDirectory = null)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns) foreach (var f in Expand(pattern, baseDirectory)) result.Add(f);
        return result.ToList();
    }

    public static IEnumerable<string> Expand(string pattern, string? baseDirectory = null)
    {
        var full = Path.IsPathRooted(pattern) ? pattern : Path.Combine(baseDirectory ?? Directory.GetCurrentDirectory(), pattern);
        if (full.IndexOfAny(['*', '?']) < 0) return File.Exists(full) ? [full] : [];
        var parts = full.Replace('\\', '/').Split('/');
        var fixedCount = Array.FindIndex(parts, p => p.IndexOfAny(['*', '?']) >= 0);
        var root = string.Join('/', parts[..fixedCount]);
        if (root == "") root = "/";
        if (!Directory.Exists(root)) return [];
        var rest = string.Join('/', parts[fixedCount..]);
        var regex = new Regex("^" + Regex.Escape(rest).Replace(@"\*\*/", "(.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]") + "$");
        var recursive = rest.Contains("**") || rest.Contains('/');
        return Directory.EnumerateFiles(root, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Where(f => regex.IsMatch(Path.GetRelativePath(root, f).Replace('\\', '/')))
            .Order(StringComparer.Ordinal);
    }
}
