using Xunit;
using System.Diagnostics;

namespace Ops.Testing;

/// <summary>
/// Finds the real Debian peers the integration tests run against. Outside CI a missing peer
/// skips the test with a message; under CI=true it does not skip, so the test fails loudly.
/// </summary>
public static class Peer
{
    public static bool InCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Full path of an executable found on PATH or at an absolute path, else null.</summary>
    public static string? Find(string executable)
    {
        if (Path.IsPathRooted(executable)) return File.Exists(executable) ? executable : null;
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(new[] { "/usr/sbin", "/sbin", "/usr/bin" });
        foreach (var dir in dirs)
        {
            var candidate = Path.Combine(dir, executable);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>
    /// A .NET tool test.sh installs into a tool path (OPS_TEST_TOOLS, default &lt;repo&gt;/.tools) rather
    /// than the user's global tools: its full path, or null when it is not installed there.
    /// </summary>
    public static string? Tool(string name)
    {
        var folder = Environment.GetEnvironmentVariable("OPS_TEST_TOOLS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot.Path, ".tools");
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? path : null;
    }

    /// <summary>True when /usr/bin/python3 can import every module named.</summary>
    public static bool HasPythonModules(params string[] modules)
    {
        if (!File.Exists("/usr/bin/python3")) return false;
        try
        {
            var psi = new ProcessStartInfo("/usr/bin/python3", new[] { "-c", "import " + string.Join(",", modules) })
            { RedirectStandardError = true, RedirectStandardOutput = true };
            using var p = Process.Start(psi)!;
            if (!p.WaitForExit(20_000)) { p.Kill(); return false; }
            return p.ExitCode == 0;
        }
        catch (Exception) { return false; }
    }

    /// <summary>The skip message for a peer-backed test: null when the peers are here, and always null under CI.</summary>
    public static string? SkipReason(string[] executables, string[] pythonModules, string[]? tools = null) =>
        InCi ? null : Missing(executables, pythonModules, tools);

    /// <summary>The reason a peer-backed test cannot run here, or null when every peer is present.</summary>
    public static string? Missing(string[] executables, string[] pythonModules, string[]? tools = null)
    {
        var missing = executables.Where(e => Find(e) is null).ToList();
        missing.AddRange((tools ?? []).Where(t => Tool(t) is null).Select(t => $"{t} (a .NET tool in OPS_TEST_TOOLS)"));
        if (pythonModules.Length > 0 && !HasPythonModules(pythonModules))
            missing.Add("python3 modules " + string.Join(",", pythonModules));
        return missing.Count == 0 ? null : "peer missing: " + string.Join(", ", missing) + " (install with the README's test command)";
    }
}

/// <summary>
/// A fact that needs real peers. Skipped with a message when they are absent, except under CI=true,
/// where the test runs and fails on the missing peer instead of silently passing.
/// </summary>
public sealed class PeerFactAttribute : FactAttribute
{
    public PeerFactAttribute(params string[] executables) => Apply(executables, Array.Empty<string>());

    /// <summary>Python modules imported by /usr/bin/python3 (jupyter_client, nbclient...).</summary>
    public string[] PythonModules
    {
        get => _python;
        set { _python = value; Apply(_executables, value); }
    }

    /// <summary>.NET tools installed into OPS_TEST_TOOLS by test.sh (dotnet-interactive...).</summary>
    public string[] Tools
    {
        get => _tools;
        set { _tools = value; Apply(_executables, _python); }
    }

    private string[] _python = Array.Empty<string>();
    private string[] _executables = Array.Empty<string>();
    private string[] _tools = Array.Empty<string>();

    private void Apply(string[] executables, string[] python)
    {
        _executables = executables;
        Skip = Peer.SkipReason(executables, python, _tools);
    }
}

/// <summary>A theory that needs real peers; skipped or failing like <see cref="PeerFactAttribute"/>.</summary>
public sealed class PeerTheoryAttribute : TheoryAttribute
{
    public PeerTheoryAttribute(params string[] executables) => Apply(executables, Array.Empty<string>());

    public string[] PythonModules
    {
        get => _python;
        set { _python = value; Apply(_executables, value); }
    }

    private string[] _python = Array.Empty<string>();
    private string[] _executables = Array.Empty<string>();

    private void Apply(string[] executables, string[] python)
    {
        _executables = executables;
        Skip = Peer.SkipReason(executables, python);
    }
}
