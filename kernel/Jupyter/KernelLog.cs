using Ops.Kernel.Scripting;

namespace Ops.Kernel.Jupyter;

/// <summary>
/// The kernel's diagnostics on the process's own stderr, which frontends show in their server log.
/// Written to the stream the process started with, never through <c>Console.Error</c>: that is
/// captured into the running cell, and diagnostics must not end up in a notebook's outputs. Never
/// given message contents or the signing key, only what happened and where.
/// </summary>
public static class KernelLog
{
    private static readonly Lock Gate = new();

    public static void Write(string message)
    {
        lock (Gate)
        {
            var stderr = ConsoleCapture.OriginalError;
            stderr.WriteLine($"[ops kernel {DateTime.UtcNow:HH:mm:ss.fff}] {message}");
            stderr.Flush();
        }
    }
}
