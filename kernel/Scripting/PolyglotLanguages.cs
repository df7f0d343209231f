namespace Ops.Kernel.Scripting;

/// <summary>
/// The kernel names .NET Interactive (Polyglot Notebooks) uses for cells (<c>#!fsharp</c>, cell
/// metadata <c>kernelName</c>): which one is C#, which ones ops cannot run, and how to name them.
/// </summary>
public static class PolyglotLanguages
{
    private static readonly Dictionary<string, (string Name, string Display)> Kernels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["csharp"] = ("csharp", "C#"), ["c#"] = ("csharp", "C#"), ["cs"] = ("csharp", "C#"),
        ["fsharp"] = ("fsharp", "F#"), ["f#"] = ("fsharp", "F#"), ["fs"] = ("fsharp", "F#"),
        ["pwsh"] = ("pwsh", "PowerShell"), ["powershell"] = ("pwsh", "PowerShell"),
        ["javascript"] = ("javascript", "JavaScript"), ["js"] = ("javascript", "JavaScript"),
        ["markdown"] = ("markdown", "Markdown"), ["md"] = ("markdown", "Markdown"),
        ["html"] = ("html", "HTML"), ["sql"] = ("sql", "SQL"), ["kql"] = ("kql", "KQL"),
        ["mermaid"] = ("mermaid", "Mermaid"), ["http"] = ("http", "HTTP"), ["value"] = ("value", "value"),
        ["python"] = ("python", "Python"), ["r"] = ("r", "R"),
    };

    /// <summary>The canonical kernel name (<c>c#</c> → <c>csharp</c>), or the name itself when unknown.</summary>
    public static string Canonical(string kernelName) =>
        Kernels.TryGetValue(kernelName.Trim(), out var k) ? k.Name : kernelName.Trim();

    public static bool IsCSharp(string kernelName) => Canonical(kernelName) == "csharp";

    /// <summary>True for a known .NET Interactive kernel name (so <c>#!fsharp</c> is a language switch, not a magic).</summary>
    public static bool IsKernelName(string kernelName) => Kernels.ContainsKey(kernelName.Trim());

    /// <summary>A reader's name for the language: F#, PowerShell, SQL...</summary>
    public static string DisplayName(string kernelName) =>
        Kernels.TryGetValue(kernelName.Trim(), out var k) ? k.Display : kernelName.Trim();

    /// <summary>
    /// The language a cell's first line switches to (<c>#!fsharp</c> → fsharp), or null when the cell
    /// does not start with a kernel name. Blank lines before it are skipped, as .NET Interactive does.
    /// </summary>
    public static string? SwitchedTo(string code)
    {
        foreach (var line in code.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0) continue;
            if (!trimmed.StartsWith("#!", StringComparison.Ordinal)) return null;
            var name = trimmed[2..].Split(' ', 2)[0];
            return IsKernelName(name) ? Canonical(name) : null;
        }
        return null;
    }

    /// <summary>The message for a cell in a language ops does not run.</summary>
    public static string NotRunMessage(string kernelName) =>
        $"the cell is {DisplayName(kernelName)} (#!{Canonical(kernelName)}); ops runs C# cells only. " +
        "Run it in .NET Interactive, or turn it into a markdown cell (`ops migrate NOTEBOOK` does that for a whole notebook).";
}
