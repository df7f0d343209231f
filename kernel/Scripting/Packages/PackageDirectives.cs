using System.Text.RegularExpressions;

namespace Ops.Kernel.Scripting.Packages;

/// <summary>
/// The <c>#r "nuget: ..."</c> and <c>#i "nuget: SOURCE"</c> lines of a cell. They are handled
/// before Roslyn sees the cell and blanked so compile errors keep the cell's line numbers.
/// </summary>
internal sealed partial record PackageDirectives(IReadOnlyList<PackageRequest> Packages, IReadOnlyList<string> Sources, string Code)
{
    public static PackageDirectives Parse(string code)
    {
        var lines = code.Split('\n');
        var packages = new List<PackageRequest>();
        var sources = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = Directive().Match(lines[i]);
            if (!match.Success) continue;
            var argument = match.Groups["arg"].Value;
            if (!argument.TrimStart().StartsWith("nuget:", StringComparison.OrdinalIgnoreCase)) continue;
            if (match.Groups["kind"].Value == "i")
            {
                sources.Add(argument.TrimStart()[6..].Trim());
            }
            else
            {
                packages.Add(PackageRequest.Parse(argument)
                    ?? throw new PackageException($"line {i + 1}: cannot read the package reference \"{argument}\"; write #r \"nuget: Id, Version\" (version optional)"));
            }
            lines[i] = "";
        }
        return new PackageDirectives(packages, sources, packages.Count + sources.Count == 0 ? code : string.Join("\n", lines));
    }

    [GeneratedRegex(@"^\s*#(?<kind>r|i)\s+""(?<arg>[^""]*)""\s*$")]
    private static partial Regex Directive();
}
