using System.Text.Json.Nodes;
using Ops.Kernel.Jupyter.Protocol;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Jupyter;

/// <summary>
/// Dispatch of shell and control requests through one handler table, as ipykernel's kernelbase:
/// each handler gets the request and the channel to reply on. Each channel is read by the one
/// receive loop of <see cref="KernelChannels"/>; shell requests run one at a time in arrival order,
/// control requests (interrupt, shutdown, kernel_info) are answered meanwhile. Every request is
/// handled between status busy and idle on iopub.
/// </summary>
public sealed class KernelRequests
{
    private delegate Task Handler(JupyterMessage request, IRequestChannel replyTo);

    private readonly KernelChannels _channels;
    private readonly Task<ScriptEngine> _engineReady;
    private readonly ExecuteRequests _execute;
    private readonly IReadOnlyDictionary<string, Handler> _handlers;

    public KernelRequests(KernelChannels channels, Task<ScriptEngine> engineReady, StdinRequests stdin)
    {
        _channels = channels;
        _engineReady = engineReady;
        _execute = new ExecuteRequests(channels, engineReady, stdin);
        _handlers = new Dictionary<string, Handler>(StringComparer.Ordinal)
        {
            [MessageTypes.ExecuteRequest] = _execute.HandleAsync,
            [MessageTypes.KernelInfoRequest] = (r, to) => Reply(r, to, KernelInfo.Reply()),
            [MessageTypes.CompleteRequest] = CompleteAsync,
            [MessageTypes.InspectRequest] = InspectAsync,
            [MessageTypes.IsCompleteRequest] = IsCompleteAsync,
            [MessageTypes.HistoryRequest] = (r, to) => Reply(r, to, new JsonObject { ["status"] = "ok", ["history"] = _execute.History.Query(r.Content) }),
            [MessageTypes.CommInfoRequest] = (r, to) => Reply(r, to, new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() }),
            [MessageTypes.CommOpen] = CommOpen,
            [MessageTypes.CommMsg] = (_, _) => Task.CompletedTask,
            [MessageTypes.CommClose] = (_, _) => Task.CompletedTask,
            [MessageTypes.InterruptRequest] = InterruptRequest,
            [MessageTypes.ShutdownRequest] = ShutdownRequest,
        };
    }

    /// <summary>Raised by a shutdown_request, on either channel (restart flag).</summary>
    public event Action<bool>? ShutdownRequested;

    /// <summary>The latest execute_request: parent of output that arrives from a cell's background work.</summary>
    public JupyterMessage? LastRequest => _execute.LastRequest;

    /// <summary>Cancels the running cell, if any (interrupt_request, SIGINT).</summary>
    public bool Interrupt() => _execute.Interrupt();

    /// <summary>Reads shell and control until <paramref name="stopping"/>.</summary>
    public Task RunAsync(CancellationToken stopping) => Task.WhenAll(
        Task.Run(() => _channels.ReceiveLoopAsync(_channels.Shell, r => HandleShellAsync(r, stopping), stopping), CancellationToken.None),
        Task.Run(() => _channels.ReceiveLoopAsync(_channels.Control, r => HandleAsync(r, _channels.Control, stopping), stopping), CancellationToken.None));

    private async Task HandleShellAsync(JupyterMessage request, CancellationToken stopping)
    {
        await HandleAsync(request, _channels.Shell, stopping);
        if (_execute.QueuedAtFailure is not { } queued) return;
        _execute.QueuedAtFailure = null;
        // After a failed cell, executions that were already queued are answered "aborted" instead of run.
        foreach (var frames in queued)
        {
            if (_channels.Decode(_channels.Shell, frames) is not { } next) continue;
            if (next.Type != MessageTypes.ExecuteRequest) { await HandleAsync(next, _channels.Shell, stopping); continue; }
            _channels.Status("busy", next);
            _execute.Abort(next, _channels.Shell);
            _channels.Status("idle", next);
        }
    }

    /// <summary>Handles one request between status busy and idle; a failing handler gets the request an error reply.</summary>
    public async Task HandleAsync(JupyterMessage request, IRequestChannel replyTo, CancellationToken stopping)
    {
        _channels.Status("busy", request);
        try
        {
            if (_handlers.TryGetValue(request.Type, out var handler)) await handler(request, replyTo);
            else KernelLog.Write($"{replyTo.Name}: ignored unknown message type '{request.Type}'");
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            // The kernel itself goes on; the details go to the kernel's log, the reply says what failed.
            KernelLog.Write($"{replyTo.Name}: {request.Type} failed: {e}");
            if (request.Type.EndsWith("_request", StringComparison.Ordinal))
                _channels.Reply(replyTo, request, MessageTypes.ReplyTo(request.Type), RequestContent.Error(e.GetType().Name, e.Message, [$"{e.GetType().Name}: {e.Message}"]));
        }
        finally
        {
            _channels.Status("idle", request);
        }
    }

    private Task Reply(JupyterMessage request, IRequestChannel replyTo, JsonObject content)
    {
        _channels.Reply(replyTo, request, MessageTypes.ReplyTo(request.Type), content);
        return Task.CompletedTask;
    }

    private Task CommOpen(JupyterMessage request, IRequestChannel replyTo)
    {
        // No comm targets exist in this kernel: close it at once, as the spec asks.
        _channels.Publish(MessageTypes.CommClose, new JsonObject { ["comm_id"] = request.Content["comm_id"]?.DeepClone(), ["data"] = new JsonObject() }, request);
        return Task.CompletedTask;
    }

    private Task InterruptRequest(JupyterMessage request, IRequestChannel replyTo)
    {
        var interrupted = Interrupt();
        KernelLog.Write(interrupted ? "interrupt_request: cancelling the running cell" : "interrupt_request: no cell running");
        return Reply(request, replyTo, new JsonObject { ["status"] = "ok" });
    }

    private Task ShutdownRequest(JupyterMessage request, IRequestChannel replyTo)
    {
        var restart = RequestContent.Bool(request.Content, "restart", false);
        var reply = new JsonObject { ["status"] = "ok", ["restart"] = restart };
        _channels.Reply(replyTo, request, MessageTypes.ShutdownReply, reply);
        _channels.Publish(MessageTypes.ShutdownReply, reply.DeepClone().AsObject(), request);
        KernelLog.Write($"shutdown_request on {replyTo.Name}: stopping{(restart ? " for a restart" : "")}");
        ShutdownRequested?.Invoke(restart);
        return Task.CompletedTask;
    }

    /// <summary>The engine, and the request's code with its cursor_pos (code points) as a UTF-16 index.</summary>
    private async Task<(ScriptEngine Engine, string Code, int Cursor)> CodeAtCursorAsync(JupyterMessage request)
    {
        var code = RequestContent.Str(request.Content, "code");
        return (await _engineReady, code, CursorPosition.ToUtf16(code, RequestContent.Int(request.Content, "cursor_pos") ?? code.Length));
    }

    private async Task CompleteAsync(JupyterMessage request, IRequestChannel replyTo)
    {
        var (engine, code, cursor) = await CodeAtCursorAsync(request);
        var result = engine.Complete(code, cursor);
        await Reply(request, replyTo, new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray([.. result.Matches.Select(m => (JsonNode?)JsonValue.Create(m))]),
            ["cursor_start"] = CursorPosition.ToCodePoints(code, result.CursorStart),
            ["cursor_end"] = CursorPosition.ToCodePoints(code, result.CursorEnd),
            ["metadata"] = new JsonObject(),
        });
    }

    private async Task InspectAsync(JupyterMessage request, IRequestChannel replyTo)
    {
        var (engine, code, cursor) = await CodeAtCursorAsync(request);
        var result = engine.Inspect(code, cursor);
        await Reply(request, replyTo, new JsonObject
        {
            ["status"] = "ok",
            ["found"] = result is not null,
            ["data"] = result is null ? new JsonObject() : new JsonObject { ["text/plain"] = result.PlainText },
            ["metadata"] = new JsonObject(),
        });
    }

    private async Task IsCompleteAsync(JupyterMessage request, IRequestChannel replyTo)
    {
        var result = (await _engineReady).IsComplete(RequestContent.Str(request.Content, "code"));
        // Jupyter's status words: "complete", "incomplete" (with the next line's indent), "invalid".
        var content = new JsonObject { ["status"] = result.Status.ToString().ToLowerInvariant() };
        if (result.Status == CompletenessStatus.Incomplete) content["indent"] = result.Indent;
        await Reply(request, replyTo, content);
    }
}
