using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Ops.Kernel.Jupyter.Protocol;
using Ops.Kernel.Jupyter.Transport;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Jupyter;

/// <summary>
/// A Jupyter kernel on the ports of one connection file: shell, control, stdin, iopub and
/// heartbeat, each on its own task, so control (interrupt, kernel_info, shutdown) is answered
/// while a cell runs. Runs until shutdown_request, SIGTERM, the death of its parent process or cancellation.
/// </summary>
public sealed class JupyterKernel
{
    private readonly ConnectionInfo _connection;
    private readonly EngineOptions? _engineOptions;
    private readonly TransportOptions _transport;
    private readonly CancellationTokenSource _stop = new();
    private KernelRequests? _requests;

    public JupyterKernel(ConnectionInfo connection, EngineOptions? engineOptions = null, TransportOptions? transport = null)
    {
        _connection = connection;
        _engineOptions = engineOptions;
        _transport = transport ?? new TransportOptions { Log = KernelLog.Write };
    }

    /// <summary>True when the last shutdown_request asked for a restart.</summary>
    public bool RestartRequested { get; private set; }

    /// <summary>Redacts secrets from everything the kernel publishes (off unless asked for).</summary>
    public Ops.Secrets.SecretScanner? Redactor { get; init; }

    /// <summary>Cancels the running cell (interrupt_request and SIGINT both come here).</summary>
    public bool Interrupt() => _requests?.Interrupt() ?? false;

    public void Stop() => _stop.Cancel();

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var stopping = linked.Token;
        // Roslyn's first compilation is most of a cold start: begin it at once, in the background, so the
        // sockets bind and kernel_info is answered meanwhile. The first real cell waits for it on the engine's gate.
        var engineReady = Task.Run(() => new ScriptEngine(_engineOptions), CancellationToken.None);
        await using var sockets = new KernelSockets(_connection, _transport, Redactor);
        sockets.Start();
        var channels = sockets.Channels;
        var stdin = new StdinRequests(channels);
        _requests = new KernelRequests(channels, engineReady, stdin);
        _requests.ShutdownRequested += Shutdown;

        using var sigint = RegisterSignal(PosixSignal.SIGINT, () =>
        {
            KernelLog.Write("SIGINT: interrupting the running cell");
            Interrupt();
        });
        using var sigterm = RegisterSignal(PosixSignal.SIGTERM, () => Shutdown(false));
        using var parent = ParentWatch.Start(reason =>
        {
            KernelLog.Write(reason);
            Shutdown(false);
        });

        KeepAliveOnBackgroundCrashes(channels);
        channels.Status("starting", null);
        KernelLog.Write($"kernel listening on {_connection.Endpoint(_connection.ShellPort)} (shell) and the other ports of the connection file, " +
                        $"{SinceProcessStart().TotalMilliseconds:0} ms after process start");

        var loops = new[]
        {
            Task.Run(() => _requests.RunAsync(stopping), CancellationToken.None),
            Task.Run(() => stdin.RunAsync(stopping), CancellationToken.None),
        };
        try { await Task.Delay(Timeout.Infinite, stopping); }
        catch (OperationCanceledException) { }

        // A cell still running is cancelled; give it the engine's grace period (its output is flushed when it
        // ends), then leave anyway.
        Interrupt();
        await Task.WhenAny(Task.WhenAll(loops), Task.Delay(ScriptEngine.StuckGracePeriod + TimeSpan.FromMilliseconds(500), CancellationToken.None));
        if (engineReady.IsCompletedSuccessfully) engineReady.Result.Dispose();
    }

    internal static TimeSpan SinceProcessStart()
    {
        try { return DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime; }
        catch (InvalidOperationException) { return TimeSpan.Zero; }
    }

    private void Shutdown(bool restart)
    {
        RestartRequested = restart;
        _stop.Cancel();
    }

    /// <summary>
    /// A cell's own thread or timer that throws would end the process, and every variable with it.
    /// The kernel reports it on stderr of the latest cell instead and keeps running.
    /// </summary>
    private void KeepAliveOnBackgroundCrashes(KernelChannels channels)
    {
        try
        {
            System.Runtime.ExceptionServices.ExceptionHandling.SetUnhandledExceptionHandler(e =>
            {
                KernelLog.Write($"unhandled exception on a background thread (kernel kept alive): {e.GetType().Name}: {e.Message}");
                try
                {
                    channels.Publish(MessageTypes.Stream, new JsonObject
                    {
                        ["name"] = "stderr",
                        ["text"] = $"Unhandled exception on a background thread started by a cell (the kernel keeps running):\n{e}\n",
                    }, _requests?.LastRequest);
                }
                catch (Exception) { /* reporting must never throw */ }
                return true;
            });
        }
        catch (InvalidOperationException)
        {
            // Already set by the host process (tests run several kernels in one process).
        }
    }

    private static IDisposable? RegisterSignal(PosixSignal signal, Action action)
    {
        if (OperatingSystem.IsWindows() && signal == PosixSignal.SIGTERM) return null;
        return PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true; // handled: the kernel keeps running (SIGINT) or stops cleanly (SIGTERM)
            action();
        });
    }
}
