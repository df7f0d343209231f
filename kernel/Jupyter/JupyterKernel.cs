using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Ops.Kernel.Jupyter.Protocol;
using Ops.Kernel.Jupyter.Transport;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Jupyter;

/// <summary>
/// A Jupyter kernel on the ports of one connection file: shell, control, stdin, iopub and
/// heartbeat, each on its own task, so control (interrupt, kernel_info, shutdown) is answered
/// while a cell runs. Runs until shutdown_request, SIGTERM or cancellation.
/// </summary>
public sealed class JupyterKernel
{
    private readonly ConnectionInfo _connection;
    private readonly EngineOptions? _engineOptions;
    private readonly TransportOptions _transport;
    private readonly CancellationTokenSource _stop = new();
    private ShellRequests? _shell;

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
    public bool Interrupt() => _shell?.Interrupt() ?? false;

    public void Stop() => _stop.Cancel();

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var stopping = linked.Token;
        // Roslyn's first compilation is most of a cold start: begin it at once, in the background, so the
        // sockets bind and kernel_info is answered meanwhile. The first real cell waits for it on the engine's gate.
        var engineReady = Task.Run(() => new ScriptEngine(_engineOptions), CancellationToken.None);
        await using var sockets = new KernelSockets(_connection, _transport) { Redactor = Redactor };
        sockets.Start();
        var stdin = new StdinRequests(sockets);
        _shell = new ShellRequests(sockets, engineReady, stdin);
        _shell.ShutdownRequested += Shutdown;

        using var sigint = RegisterSignal(PosixSignal.SIGINT, () =>
        {
            KernelLog.Write("SIGINT: interrupting the running cell");
            Interrupt();
        });
        using var sigterm = RegisterSignal(PosixSignal.SIGTERM, () => Shutdown(false));

        KeepAliveOnBackgroundCrashes(sockets);
        sockets.Publish("status", new JsonObject { ["execution_state"] = "starting" }, null);
        KernelLog.Write($"kernel listening on {_connection.Endpoint(_connection.ShellPort)} (shell) and the other ports of the connection file, " +
                        $"{SinceProcessStart().TotalMilliseconds:0} ms after process start");

        var loops = new[]
        {
            Task.Run(() => _shell.RunAsync(stopping), CancellationToken.None),
            Task.Run(() => ControlAsync(sockets, stopping), CancellationToken.None),
            Task.Run(() => stdin.RunAsync(stopping), CancellationToken.None),
        };
        try { await Task.Delay(Timeout.Infinite, stopping); }
        catch (OperationCanceledException) { }

        // A cell still running is cancelled; give it the engine's grace period, then leave anyway.
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

    private async Task ControlAsync(KernelSockets sockets, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            IReadOnlyList<byte[]> frames;
            try { frames = await sockets.Control.ReceiveAsync(stopping); }
            catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException) { return; }
            var request = sockets.Codec.Decode(frames, out var error);
            if (request is null)
            {
                KernelLog.Write($"control: dropped a message ({error})");
                continue;
            }
            sockets.Status("busy", request);
            try
            {
                switch (request.Type)
                {
                    case "kernel_info_request":
                        sockets.Reply(sockets.Control, request, "kernel_info_reply", KernelInfo.Reply());
                        break;
                    case "interrupt_request":
                        var interrupted = Interrupt();
                        KernelLog.Write(interrupted ? "interrupt_request: cancelling the running cell" : "interrupt_request: no cell running");
                        sockets.Reply(sockets.Control, request, "interrupt_reply", new JsonObject { ["status"] = "ok" });
                        break;
                    case "shutdown_request":
                        var restart = request.Content["restart"] is JsonValue v && v.TryGetValue<bool>(out var r) && r;
                        var reply = new JsonObject { ["status"] = "ok", ["restart"] = restart };
                        sockets.Reply(sockets.Control, request, "shutdown_reply", reply);
                        sockets.Publish("shutdown_reply", reply.DeepClone().AsObject(), request);
                        KernelLog.Write(restart ? "shutdown_request: stopping for a restart" : "shutdown_request: stopping");
                        Shutdown(restart);
                        break;
                    default:
                        KernelLog.Write($"control: ignored '{request.Type}' (not supported on control)");
                        break;
                }
            }
            catch (Exception e)
            {
                KernelLog.Write($"control: {request.Type} failed: {e}");
            }
            finally
            {
                sockets.Status("idle", request);
            }
        }
    }

    /// <summary>
    /// A cell's own thread or timer that throws would end the process, and every variable with it.
    /// The kernel reports it on stderr of the latest cell instead and keeps running.
    /// </summary>
    private void KeepAliveOnBackgroundCrashes(KernelSockets sockets)
    {
        try
        {
            System.Runtime.ExceptionServices.ExceptionHandling.SetUnhandledExceptionHandler(e =>
            {
                KernelLog.Write($"unhandled exception on a background thread (kernel kept alive): {e.GetType().Name}: {e.Message}");
                try
                {
                    sockets.Publish("stream", new JsonObject
                    {
                        ["name"] = "stderr",
                        ["text"] = $"Unhandled exception on a background thread started by a cell (the kernel keeps running):\n{e}\n",
                    }, _shell?.LastRequest);
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
