using System.Diagnostics;

namespace Ops.Kernel.Tests.Jupyter;

/// <summary>
/// Installs the ops-csharp kernelspec of this build into a temporary Jupyter path, the way a user
/// runs `ops jupyter install`, so jupyter_client's KernelManager finds and starts it.
/// </summary>
public sealed class KernelspecFixture : IDisposable
{
    public KernelspecFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), $"ops-jupyter-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
        var (code, output) = RunOps("jupyter", "install", "--path", Path.Combine(Root, "kernels"));
        if (code != 0) throw new InvalidOperationException("ops jupyter install failed: " + output);
    }

    /// <summary>The JUPYTER_PATH entry holding kernels/ops-csharp.</summary>
    public string Root { get; }

    public string KernelJson => Path.Combine(Root, "kernels", "ops-csharp", "kernel.json");

    /// <summary>The ops apphost copied next to the tests.</summary>
    public static string Ops => Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "ops.exe" : "ops");

    public static (int ExitCode, string Output) RunOps(params string[] args)
    {
        var psi = new ProcessStartInfo(Ops) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(30_000)) { p.Kill(true); throw new TimeoutException("ops " + string.Join(' ', args)); }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    public IDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["JUPYTER_PATH"] = Root,
        ["JUPYTER_RUNTIME_DIR"] = Path.Combine(Root, "runtime"),
        ["JUPYTER_DATA_DIR"] = Path.Combine(Root, "data"),
        ["JUPYTER_CONFIG_DIR"] = Path.Combine(Root, "config"),
        ["JUPYTER_PLATFORM_DIRS"] = "1",
        ["PYTHONDONTWRITEBYTECODE"] = "1",
    };

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
