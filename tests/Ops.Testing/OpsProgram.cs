using System.Diagnostics;

namespace Ops.Testing;

/// <summary>Runs the built ops program (copied beside the tests) as a user would.</summary>
public static class OpsProgram
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "ops.dll");

    /// <summary>Runs `ops ARGS` with stdin, returning exit code, stdout and stderr; bounded in time.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(IEnumerable<string> args, string? stdin = null,
        string? workingDirectory = null, TimeSpan? timeout = null, IDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (environment != null) foreach (var kv in environment) psi.Environment[kv.Key] = kv.Value;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin != null) p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit((int)(timeout ?? TimeSpan.FromSeconds(120)).TotalMilliseconds))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"ops {string.Join(' ', args)} did not finish in time; stderr so far: {stderr}");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
