using System.Text.Json.Nodes;
using Ops.Kernel.Jupyter.Protocol;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Jupyter;

/// <summary>
/// The shell channel: requests handled one at a time in arrival order, each between status busy
/// and idle on iopub. Executions run through the engine with a token the control channel cancels.
/// </summary>
public sealed class ShellRequests(KernelSockets sockets, Task<ScriptEngine> engineReady, StdinRequests stdin)
{
    private readonly SessionHistory _history = new();
    private CancellationTokenSource? _running;
    private int _executionCount;
    private List<IReadOnlyList<byte[]>>? _queuedAtFailure;
    private bool _firstCellLogged;

    /// <summary>Raised for a shutdown_request that arrived on shell (restart flag).</summary>
    public event Action<bool>? ShutdownRequested;

    /// <summary>The latest execute_request: parent of output that arrives from a cell's background work.</summary>
    public JupyterMessage? LastRequest { get; private set; }

    /// <summary>Cancels the running cell, if any (interrupt_request, SIGINT).</summary>
    public bool Interrupt()
    {
        var running = Volatile.Read(ref _running);
        if (running is null) return false;
        try { running.Cancel(); } catch (ObjectDisposedException) { return false; }
        return true;
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            IReadOnlyList<byte[]> frames;
            try { frames = await sockets.Shell.ReceiveAsync(stopping); }
            catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException) { return; }
            var request = Decode(frames);
            if (request is null) continue;
            await HandleAsync(request, stopping);
            if (_queuedAtFailure is { } queued)
            {
                _queuedAtFailure = null;
                await AbortQueuedAsync(queued, stopping);
            }
        }
    }

    private JupyterMessage? Decode(IReadOnlyList<byte[]> frames)
    {
        var request = sockets.Codec.Decode(frames, out var error);
        if (request is null) KernelLog.Write($"shell: dropped a message ({error})");
        return request;
    }

    /// <summary>Handles one request between status busy and idle.</summary>
    private async Task HandleAsync(JupyterMessage request, CancellationToken stopping)
    {
        if (request.Type == "execute_request") LastRequest = request;
        sockets.Status("busy", request);
        try
        {
            switch (request.Type)
            {
                case "execute_request": await ExecuteAsync(request); break;
                case "kernel_info_request": sockets.Reply(sockets.Shell, request, "kernel_info_reply", KernelInfo.Reply()); break;
                case "complete_request": Complete(request, await engineReady); break;
                case "inspect_request": Inspect(request, await engineReady); break;
                case "is_complete_request": IsComplete(request, await engineReady); break;
                case "history_request":
                    sockets.Reply(sockets.Shell, request, "history_reply",
                        new JsonObject { ["status"] = "ok", ["history"] = _history.Query(request.Content) });
                    break;
                case "comm_info_request":
                    sockets.Reply(sockets.Shell, request, "comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() });
                    break;
                case "comm_open":
                    // No comm targets exist in this kernel: close it at once, as the spec asks.
                    sockets.Publish("comm_close", new JsonObject { ["comm_id"] = request.Content["comm_id"]?.DeepClone(), ["data"] = new JsonObject() }, request);
                    break;
                case "comm_msg" or "comm_close": break;
                case "shutdown_request":
                    var restart = Bool(request.Content, "restart", false);
                    var reply = new JsonObject { ["status"] = "ok", ["restart"] = restart };
                    sockets.Reply(sockets.Shell, request, "shutdown_reply", reply);
                    sockets.Publish("shutdown_reply", reply.DeepClone().AsObject(), request);
                    ShutdownRequested?.Invoke(restart);
                    break;
                default:
                    KernelLog.Write($"shell: ignored unknown message type '{request.Type}'");
                    break;
            }
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            // A request the kernel failed on gets an error reply; the kernel itself goes on.
            KernelLog.Write($"shell: {request.Type} failed: {e}");
            if (request.Type.EndsWith("_request", StringComparison.Ordinal))
                sockets.Reply(sockets.Shell, request, request.Type.Replace("_request", "_reply"), ErrorContent(e.GetType().Name, e.Message, [e.ToString()]));
        }
        finally
        {
            sockets.Status("idle", request);
        }
    }

    private async Task ExecuteAsync(JupyterMessage request)
    {
        var engine = await engineReady;
        var c = request.Content;
        var code = c["code"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
        var silent = Bool(c, "silent", false);
        var storeHistory = !silent && Bool(c, "store_history", true);
        var allowStdin = Bool(c, "allow_stdin", true);
        var stopOnError = Bool(c, "stop_on_error", true);

        if (storeHistory) _executionCount++;
        var count = _executionCount;
        if (!silent) sockets.Publish("execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count }, request);
        if (storeHistory) _history.Add(count, code);

        using var running = new CancellationTokenSource();
        Volatile.Write(ref _running, running);
        ExecutionResult result;
        try
        {
            var host = new CellHost(sockets, stdin, request, allowStdin, running.Token);
            result = await engine.ExecuteAsync(code, host, running.Token);
        }
        finally
        {
            Volatile.Write(ref _running, null);
        }

        if (!_firstCellLogged)
        {
            _firstCellLogged = true;
            KernelLog.Write($"first cell ran in {result.Duration.TotalMilliseconds:0} ms, answered {JupyterKernel.SinceProcessStart().TotalMilliseconds:0} ms after process start " +
                $"({System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:0} ms CPU)");
        }
        if (result.Status == ExecutionStatus.Ok)
        {
            if (result.Value is { } value && !silent)
            {
                sockets.Publish("execute_result", new JsonObject
                {
                    ["execution_count"] = count,
                    ["data"] = MimeBundleJson.Data(value),
                    ["metadata"] = new JsonObject(),
                }, request);
                if (storeHistory) _history.SetOutput(count, value.PlainText);
            }
            var expressions = c["user_expressions"] as JsonObject;
            sockets.Reply(sockets.Shell, request, "execute_reply", new JsonObject
            {
                ["status"] = "ok",
                ["execution_count"] = count,
                ["user_expressions"] = expressions is { Count: > 0 } ? await EvaluateAsync(expressions) : new JsonObject(),
                ["payload"] = new JsonArray(),
            }, new JsonObject { ["status"] = "ok" });
            return;
        }

        var error = result.Error ?? new ExecutionError(result.Status == ExecutionStatus.Cancelled ? "OperationCanceledException" : "Error",
            result.Status == ExecutionStatus.Cancelled ? "the cell was interrupted" : "the cell failed", []);
        sockets.Publish("error", ErrorContent(error.Name, error.Message, error.Traceback, includeStatus: false), request);
        // Take the requests queued behind this cell before its reply goes out: once the client has the
        // reply it may send the next cell, and that one must run, not be aborted.
        if (stopOnError) _queuedAtFailure = TakeQueued();
        var errorReply = ErrorContent(error.Name, error.Message, error.Traceback);
        errorReply["execution_count"] = count;
        sockets.Reply(sockets.Shell, request, "execute_reply", errorReply, new JsonObject { ["status"] = "error" });
    }

    // user_expressions: each is evaluated in the cell's scope after it ran; failures are reported per expression.
    private async Task<JsonObject> EvaluateAsync(JsonObject expressions)
    {
        var engine = await engineReady;
        var results = new JsonObject();
        foreach (var (name, node) in expressions)
        {
            var expression = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
            var result = await engine.ExecuteAsync(expression, new SilentHost(), CancellationToken.None);
            results[name] = result.Status == ExecutionStatus.Ok
                ? new JsonObject
                {
                    ["status"] = "ok",
                    ["data"] = result.Value is null ? new JsonObject { ["text/plain"] = "" } : MimeBundleJson.Data(result.Value),
                    ["metadata"] = new JsonObject(),
                }
                : ErrorContent(result.Error?.Name ?? "Error", result.Error?.Message ?? "", result.Error?.Traceback ?? []);
        }
        return results;
    }

    private List<IReadOnlyList<byte[]>> TakeQueued()
    {
        var queued = new List<IReadOnlyList<byte[]>>();
        while (sockets.Shell.TryReceive(out var frames)) queued.Add(frames);
        return queued;
    }

    /// <summary>After a failed cell, executions that were already queued are answered "aborted" instead of run.</summary>
    private async Task AbortQueuedAsync(List<IReadOnlyList<byte[]>> queued, CancellationToken stopping)
    {
        foreach (var frames in queued)
        {
            var request = Decode(frames);
            if (request is null) continue;
            if (request.Type != "execute_request")
            {
                await HandleAsync(request, stopping);
                continue;
            }
            sockets.Status("busy", request);
            sockets.Reply(sockets.Shell, request, "execute_reply",
                new JsonObject { ["status"] = "aborted", ["execution_count"] = _executionCount },
                new JsonObject { ["status"] = "aborted" });
            sockets.Status("idle", request);
        }
    }

    private void Complete(JupyterMessage request, ScriptEngine engine)
    {
        var code = Str(request.Content, "code");
        var cursor = CursorPosition.ToUtf16(code, Int(request.Content, "cursor_pos") ?? code.Length);
        var result = engine.Complete(code, cursor);
        sockets.Reply(sockets.Shell, request, "complete_reply", new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray([.. result.Matches.Select(m => (JsonNode?)JsonValue.Create(m))]),
            ["cursor_start"] = CursorPosition.ToCodePoints(code, result.CursorStart),
            ["cursor_end"] = CursorPosition.ToCodePoints(code, result.CursorEnd),
            ["metadata"] = new JsonObject(),
        });
    }

    private void Inspect(JupyterMessage request, ScriptEngine engine)
    {
        var code = Str(request.Content, "code");
        var cursor = CursorPosition.ToUtf16(code, Int(request.Content, "cursor_pos") ?? code.Length);
        var result = engine.Inspect(code, cursor);
        sockets.Reply(sockets.Shell, request, "inspect_reply", new JsonObject
        {
            ["status"] = "ok",
            ["found"] = result is not null,
            ["data"] = result is null ? new JsonObject() : new JsonObject { ["text/plain"] = result.PlainText },
            ["metadata"] = new JsonObject(),
        });
    }

    private void IsComplete(JupyterMessage request, ScriptEngine engine)
    {
        var result = engine.IsComplete(Str(request.Content, "code"));
        var content = new JsonObject { ["status"] = result.Status };
        if (result.Status == "incomplete") content["indent"] = result.Indent;
        sockets.Reply(sockets.Shell, request, "is_complete_reply", content);
    }

    internal static JsonObject ErrorContent(string name, string message, IReadOnlyList<string> traceback, bool includeStatus = true)
    {
        var content = new JsonObject
        {
            ["ename"] = name,
            ["evalue"] = message,
            ["traceback"] = new JsonArray([.. traceback.Select(t => (JsonNode?)JsonValue.Create(t))]),
        };
        if (includeStatus) content["status"] = "error";
        return content;
    }

    private static bool Bool(JsonObject o, string name, bool fallback) =>
        o[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : fallback;

    private static int? Int(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;

    private static string Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
