using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Ops.Kernel.Notebooks;

/// <summary>
/// <c>ops-verify.yaml</c>, looked up beside the notebook and then in each parent directory (the
/// nearest wins): regex sanitisers applied to stored and fresh outputs before they are compared.
/// <code>
/// sanitizers:
///   - regex: '\d{4}-\d{2}-\d{2}T[0-9:.]+Z'
///     replace: '&lt;timestamp&gt;'
/// </code>
/// </summary>
public sealed class VerifySettings
{
    public const string FileName = "ops-verify.yaml";

    public static readonly VerifySettings None = new(null, []);

    private VerifySettings(string? path, IReadOnlyList<(Regex Regex, string Replacement)> sanitizers)
    {
        Path = path;
        Sanitizers = sanitizers;
    }

    /// <summary>The file the settings came from, or null when none was found.</summary>
    public string? Path { get; }

    public IReadOnlyList<(Regex Regex, string Replacement)> Sanitizers { get; }

    public string Sanitize(string text)
    {
        foreach (var (regex, replacement) in Sanitizers) text = regex.Replace(text, replacement);
        return text;
    }

    public static VerifySettings For(string notebookPath)
    {
        for (var dir = new DirectoryInfo(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(notebookPath))!); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate)) return Load(candidate);
        }
        return None;
    }

    /// <exception cref="FormatException">The file is not valid (names file:line).</exception>
    public static VerifySettings Load(string path)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(File.ReadAllText(path))); }
        catch (YamlException e) { throw new FormatException($"{path}:{e.Start.Line}: not valid YAML: {e.Message}"); }
        var sanitizers = new List<(Regex, string)>();
        if (stream.Documents.Count == 0) return new VerifySettings(path, sanitizers);
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException($"{path}:1: expected a mapping with a `sanitizers` list.");
        foreach (var (key, value) in root.Children)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name != "sanitizers") throw new FormatException($"{path}:{key.Start.Line}: unknown setting `{name}`; the file holds `sanitizers` (a list of regex/replace).");
            if (value is not YamlSequenceNode list) throw new FormatException($"{path}:{value.Start.Line}: `sanitizers` must be a list of {{regex, replace}}.");
            foreach (var item in list)
            {
                if (item is not YamlMappingNode m) throw new FormatException($"{path}:{item.Start.Line}: each sanitizer is a mapping with `regex` and `replace`.");
                string? pattern = null, replace = null;
                foreach (var (k, v) in m.Children)
                {
                    var field = (k as YamlScalarNode)?.Value;
                    var text = (v as YamlScalarNode)?.Value;
                    if (field == "regex") pattern = text;
                    else if (field is "replace" or "replacement") replace = text;
                    else throw new FormatException($"{path}:{k.Start.Line}: unknown sanitizer field `{field}` (use `regex` and `replace`).");
                }
                if (string.IsNullOrEmpty(pattern)) throw new FormatException($"{path}:{item.Start.Line}: the sanitizer has no `regex`.");
                try { sanitizers.Add((new Regex(pattern, RegexOptions.Multiline, TimeSpan.FromSeconds(2)), replace ?? "")); }
                catch (ArgumentException e) { throw new FormatException($"{path}:{item.Start.Line}: invalid regex: {e.Message}"); }
            }
        }
        return new VerifySettings(path, sanitizers);
    }
}
