using System.Runtime.InteropServices;

namespace Ops.Kernel.Jupyter;

/// <summary>
/// Stops the kernel when the process that started it dies, so a client killed with SIGKILL leaves
/// no orphan kernel behind. Polled: the kernel's parent changing from the one it started with means
/// that parent has exited (the kernel was re-parented), and <c>JPY_PARENT_PID</c>, which
/// jupyter_client sets as ipykernel expects, names a process that must stay alive.
/// </summary>
internal static class ParentWatch
{
    public static TimeSpan PollInterval { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Calls <paramref name="parentDied"/> once when the parent is gone; null where it cannot be watched.</summary>
    public static IDisposable? Start(Action<string> parentDied)
    {
        if (OperatingSystem.IsWindows()) return null;
        var parentAtStart = getppid();
        var named = NamedParent(Environment.GetEnvironmentVariable("JPY_PARENT_PID"));
        if (parentAtStart <= 1 && named is null) return null;
        Timer? timer = null;
        timer = new Timer(_ =>
        {
            var reason = Gone(parentAtStart, getppid(), named, named is { } pid && !IsAlive(pid));
            if (reason is null) return;
            timer?.Dispose();
            parentDied(reason);
        }, null, PollInterval, PollInterval);
        return timer;
    }

    /// <summary>JPY_PARENT_PID as a pid to watch; null when unset, not a number, or init (which never goes away).</summary>
    internal static int? NamedParent(string? value) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) && pid > 1 ? pid : null;

    /// <summary>Why the kernel should stop, or null while its parent lives.</summary>
    internal static string? Gone(int parentAtStart, int parentNow, int? named, bool namedIsGone)
    {
        if (parentAtStart > 1 && parentNow != parentAtStart)
            return $"parent process {parentAtStart} has exited (the kernel's parent is now {parentNow}); stopping";
        if (named is { } pid && namedIsGone)
            return $"JPY_PARENT_PID {pid} has exited; stopping";
        return null;
    }

    private static bool IsAlive(int pid) => kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() != Esrch;

    private const int Esrch = 3;

    // Plain DllImport: blittable ints need no marshalling code (LibraryImport would need unsafe code).
    [DllImport("libc")]
    private static extern int getppid();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
