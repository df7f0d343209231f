using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ops.Kernel.Jupyter;

/// <summary>
/// The <c>ops-csharp</c> kernelspec: where Jupyter looks for it and the kernel.json that starts
/// this very build of ops with <c>kernel -f {connection_file}</c>.
/// </summary>
public static class Kernelspec
{
    public const string Name = "ops-csharp";
    public const string DisplayName = "C# (ops)";

    /// <summary>The per-user Jupyter data directory's kernels folder (what <c>jupyter --data-dir</c> reports).</summary>
    public static string UserKernelsDirectory()
    {
        var data = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
        if (string.IsNullOrEmpty(data))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            data = OperatingSystem.IsWindows() ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter")
                : OperatingSystem.IsMacOS() ? Path.Combine(home, "Library", "Jupyter")
                : Path.Combine(Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(home, ".local", "share"), "jupyter");
        }
        return Path.Combine(data, "kernels");
    }

    /// <summary>The kernels folder under an install prefix (a virtualenv or /usr/local).</summary>
    public static string PrefixKernelsDirectory(string prefix) => Path.Combine(prefix, "share", "jupyter", "kernels");

    /// <summary>The command line that starts this build of ops as a kernel.</summary>
    public static IReadOnlyList<string> LaunchArguments(bool redact = false)
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable is running");
        var arguments = LaunchArguments(process, typeof(Kernelspec).Assembly.Location);
        return redact ? [.. arguments, "--redact"] : arguments;
    }

    /// <summary>
    /// The command line for a process running <paramref name="process"/> with ops' own assembly at
    /// <paramref name="assembly"/>: the tool's stable command when ops was installed by
    /// <c>dotnet tool install</c>, else that executable (and the dll under the dotnet host).
    /// </summary>
    internal static IReadOnlyList<string> LaunchArguments(string process, string assembly)
    {
        if ((ToolCommand(process) ?? ToolCommand(assembly)) is { } command) return [command, "kernel", "-f", "{connection_file}"];
        // Under `dotnet ops.dll` (or `dotnet run`) the process is the dotnet host: keep the dll on the command line.
        var isHost = Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return isHost
            ? [process, assembly, "kernel", "-f", "{connection_file}"]
            : [process, "kernel", "-f", "{connection_file}"];
    }

    /// <summary>
    /// The command <c>dotnet tool install</c> put in the tool path for a file it unpacked under the tool
    /// path's <c>.store</c> (versioned folders, replaced by <c>dotnet tool update</c>), or null when
    /// <paramref name="path"/> is not in a store or the command is not there. The running binary of a
    /// platform-specific tool is such a file (its command is a link to it, which the process path resolves).
    /// </summary>
    internal static string? ToolCommand(string path)
    {
        for (var dir = Path.GetDirectoryName(path); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (Path.GetFileName(dir) != ".store") continue;
            var toolPath = Path.GetDirectoryName(dir)!;
            var names = OperatingSystem.IsWindows() ? new[] { CommandName + ".exe", CommandName } : [CommandName];
            return names.Select(n => Path.Combine(toolPath, n)).FirstOrDefault(File.Exists);
        }
        return null;
    }

    /// <summary>The tool's command name (ToolCommandName in the project).</summary>
    private const string CommandName = "ops";

    public static JsonObject KernelJson(IReadOnlyList<string> argv) => new()
    {
        ["argv"] = new JsonArray([.. argv.Select(a => (JsonNode?)JsonValue.Create(a))]),
        ["display_name"] = DisplayName,
        ["language"] = "csharp",
        ["interrupt_mode"] = "message",
        ["metadata"] = new JsonObject { ["debugger"] = false },
    };

    /// <summary>Writes &lt;kernelsDirectory&gt;/ops-csharp/kernel.json; returns the spec directory.</summary>
    public static string Install(string kernelsDirectory, bool redact = false)
    {
        var dir = Path.Combine(kernelsDirectory, Name);
        Directory.CreateDirectory(dir);
        var json = KernelJson(LaunchArguments(redact)).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        AtomicFile.WriteAllText(Path.Combine(dir, "kernel.json"), json + "\n");
        return dir;
    }

    /// <summary>Removes &lt;kernelsDirectory&gt;/ops-csharp; false when it was not installed there.</summary>
    public static bool Uninstall(string kernelsDirectory)
    {
        var dir = Path.Combine(kernelsDirectory, Name);
        if (!File.Exists(Path.Combine(dir, "kernel.json"))) return false;
        Directory.Delete(dir, recursive: true);
        return true;
    }
}
