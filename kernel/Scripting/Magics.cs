namespace Ops.Kernel.Scripting;

/// <summary>
/// Cell magics: lines starting with <c>#!</c> at the top of a cell. They are blanked (not
/// removed) from the code so compile errors keep the cell's line numbers.
/// </summary>
internal sealed record Magics(bool Time, bool Who, bool List, string Code)
{
    public static readonly IReadOnlyDictionary<string, string> Known = new Dictionary<string, string>
    {
        ["#!time"] = "report the cell's wall and CPU time",
        ["#!who"] = "list the session's variables with types and short values",
        ["#!lsmagic"] = "list the magics and directives",
        ["#!csharp"] = "marks a C# cell (Polyglot .dib files); ignored",
        ["#r \"path.dll\""] = "reference an assembly",
        ["#r \"nuget: Id, Version\""] = "add a NuGet package (version optional) and its dependencies",
        ["#i \"nuget: SOURCE\""] = "add a package source (a feed URL or a local folder) for #r \"nuget:\"",
        ["#load \"file.csx\""] = "run a C# script file in the session",
    };

    /// <summary>Parses leading magic lines; unknown magics throw with the list of known ones.</summary>
    public static Magics Parse(string code)
    {
        var lines = code.Replace("\r\n", "\n").Split('\n');
        bool time = false, who = false, list = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.Length == 0) continue;
            if (!trimmed.StartsWith("#!", StringComparison.Ordinal)) break;
            var name = trimmed.Split(' ', 2)[0];
            switch (name)
            {
                case "#!time": time = true; break;
                case "#!who": who = true; break;
                case "#!lsmagic": list = true; break;
                case "#!csharp": case "#!c#": case "#!cs": break;
                case var other when PolyglotLanguages.IsKernelName(other[2..]):
                    throw new UnknownMagicException($"line {i + 1}: {PolyglotLanguages.NotRunMessage(other[2..])}");
                default:
                    throw new UnknownMagicException(
                        $"line {i + 1}: unknown magic {name}; known: #!time, #!who, #!lsmagic (#!lsmagic describes them)");
            }
            lines[i] = "";
        }
        return new Magics(time, who, list, string.Join("\n", lines));
    }

    public static string Describe() =>
        string.Join("\n", Known.Select(kv => $"{kv.Key,-26} {kv.Value}"));
}

internal sealed class UnknownMagicException(string message) : Exception(message);
