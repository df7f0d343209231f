using System.Text.RegularExpressions;

namespace Ops.Kernel.Scripting.Packages;

/// <summary>
/// A package asked for by <c>#r "nuget: Id, Version"</c>. No version means the latest stable the
/// sources offer; <c>*-*</c> allows prereleases.
/// </summary>
public sealed partial record PackageRequest(string Id, string? Version)
{
    public string VersionOrFloating => string.IsNullOrWhiteSpace(Version) ? "*" : Version!;

    /// <summary>Parses the text inside the quotes after "nuget:"; null when it is not a package reference.</summary>
    public static PackageRequest? Parse(string text)
    {
        var match = Syntax().Match(text.Trim());
        if (!match.Success) return null;
        var version = match.Groups["version"].Success ? match.Groups["version"].Value.Trim() : null;
        return new PackageRequest(match.Groups["id"].Value, string.IsNullOrEmpty(version) ? null : version);
    }

    [GeneratedRegex(@"^nuget:\s*(?<id>[A-Za-z0-9_.\-]+)\s*(,\s*(?<version>[^\s,""]+)\s*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Syntax();

    public override string ToString() => Version == null ? Id : $"{Id} {Version}";
}
