namespace Ops.Kernel.Jupyter;

/// <summary>
/// The kernel's diagnostics on stderr, which frontends show in their server log. Never given
/// message contents or the signing key, only what happened and where.
/// </summary>
public static class KernelLog
{
    private static readonly Lock Gate = new();

    public static void Write(string message)
    {
        lock (Gate) Console.Error.WriteLine($"[ops kernel {DateTime.UtcNow:HH:mm:ss.fff}] {message}");
    }
}
