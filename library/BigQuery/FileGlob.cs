using System.Text.RegularExpressions;

namespace Ops.BigQuery;

/// <summary>
/// Expands shell-style patterns (<c>*</c>, <c>?</c>, <c>**</c> for any depth) to existing files,
/// sorted. Paths come back in the form given (relative stays relative) so reports are the same on
/// every machine.
/// </summary>
public static class FileGlob
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> patterns)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
            foreach (var f in Expand(pattern))
                if (seen.Add(Path.GetFullPath(f))) result.Add(f);
        return result;
    }

    /// <summary>
    /// Like <see cref="Expand(IEnumerable{string})"/>, for inputs a person named: a file that does not
    /// exist, a directory, or a pattern matching nothing is an error naming it, never skipped.
    /// </summary>
    public static IReadOnlyList<string> ExpandEach(IEnumerable<string> patterns)
    {
        var missing = new List<string>();
        foreach (var pattern in patterns)
        {
            if (Directory.Exists(pattern))
                throw new FileNotFoundException($"{pattern} is a directory; give its files or a pattern such as {Path.Combine(pattern, "*.json.gz")}", pattern);
            if (!Expand(pattern).Any())
                missing.Add(pattern.IndexOfAny(['*', '?']) < 0 ? $"{pattern}: no such file" : $"{pattern}: no file matches");
        }
        if (missing.Count > 0) throw new FileNotFoundException(string.Join("; ", missing), missing[0]);
        return Expand(patterns);
    }

    public static IEnumerable<string> Expand(string pattern)
    {
        if (pattern.IndexOfAny(['*', '?']) < 0) return File.Exists(pattern) ? [pattern] : [];
        var parts = pattern.Replace('\\', '/').Split('/');
        var fixedCount = Array.FindIndex(parts, p => p.IndexOfAny(['*', '?']) >= 0);
        var root = string.Join('/', parts[..fixedCount]);
        var searchRoot = root.Length == 0 ? (pattern.StartsWith('/') ? "/" : ".") : root;
        if (!Directory.Exists(searchRoot)) return [];
        var rest = string.Join('/', parts[fixedCount..]);
        var regex = new Regex("^" + Regex.Escape(rest).Replace(@"\*\*/", "(.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]") + "$");
        var recursive = rest.Contains("**") || rest.Contains('/');
        return Directory.EnumerateFiles(searchRoot, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Select(f => Path.GetRelativePath(searchRoot, f).Replace('\\', '/'))
            .Where(rel => regex.IsMatch(rel))
            .Order(StringComparer.Ordinal)
            .Select(rel => root.Length == 0 && !pattern.StartsWith('/') ? rel : root + "/" + rel);
    }
}
