using System.Text.Json.Nodes;
using Ops.Kernel.Jupyter.Protocol;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Jupyter;

/// <summary>
/// execute_request: runs the cell through the engine with a token that interrupt_request cancels,
/// publishes its input, outputs, result or error, and replies. After a failed cell, the executions
/// already queued behind it are answered "aborted" (stop_on_error), as ipykernel does.
/// </summary>
internal sealed class ExecuteRequests(KernelChannels channels, Task<ScriptEngine> engineReady, StdinRequests stdin)
{
    private readonly SessionHistory _history = new();
    private CancellationTokenSource? _running;
    private int _executionCount;
    private bool _firstCellLogged;

    public SessionHistory History => _history;

    /// <summary>The latest execute_request: parent of output that arrives from a cell's background work.</summary>
    public JupyterMessage? LastRequest { get; private set; }

    /// <summary>Requests taken off the shell queue when a cell failed; the dispatcher aborts them.</summary>
    public List<IReadOnlyList<byte[]>>? QueuedAtFailure { get; set; }

    /// <summary>Cancels the running cell, if any (interrupt_request, SIGINT).</summary>
    public bool Interrupt()
    {
        var running = Volatile.Read(ref _running);
        if (running is null) return false;
        try { running.Cancel(); } catch (ObjectDisposedException) { return false; }
        return true;
    }

    public async Task HandleAsync(JupyterMessage request, IRequestChannel replyTo)
    {
        LastRequest = request;
        var engine = await engineReady;
        var c = request.Content;
        var code = RequestContent.Str(c, "code");
        var silent = RequestContent.Bool(c, "silent", false);
        var storeHistory = !silent && RequestContent.Bool(c, "store_history", true);
        var stopOnError = RequestContent.Bool(c, "stop_on_error", true);

        if (storeHistory) _executionCount++;
        var count = _executionCount;
        if (!silent) channels.Publish(MessageTypes.ExecuteInput, new JsonObject { ["code"] = code, ["execution_count"] = count }, request);
        if (!silent && ScriptEngine.SpinningWarning("ops", "cell", "restart the kernel to stop it") is { } spinning)
            channels.Publish(MessageTypes.Stream, new JsonObject { ["name"] = "stderr", ["text"] = spinning + "\n" }, request);
        if (storeHistory) _history.Add(count, code);

        using var running = new CancellationTokenSource();
        Volatile.Write(ref _running, running);
        ExecutionResult result;
        var host = new CellHost(channels, stdin, request, RequestContent.Bool(c, "allow_stdin", true), running.Token);
        try { result = await engine.ExecuteAsync(code, host, running.Token); }
        finally { Volatile.Write(ref _running, null); }

        LogFirstCell(result);
        if (host.Dropped > 0)
            channels.Publish(MessageTypes.Stream, new JsonObject
            {
                ["name"] = "stderr",
                ["text"] = $"[ops: {host.Dropped} output message(s) of this cell were dropped: the frontend did not read them within " +
                           $"{KernelChannels.IopubWait.TotalSeconds:0} s]\n",
            }, request);

        if (result.Status == ExecutionStatus.Ok)
        {
            if (result.Value is { } value && !silent)
            {
                channels.Publish(MessageTypes.ExecuteResult, new JsonObject
                {
                    ["execution_count"] = count,
                    ["data"] = MimeBundleJson.Data(value),
                    ["metadata"] = new JsonObject(),
                }, request);
                if (storeHistory) _history.SetOutput(count, value.PlainText);
            }
            var expressions = c["user_expressions"] as JsonObject;
            channels.Reply(replyTo, request, MessageTypes.ExecuteReply, new JsonObject
            {
                ["status"] = "ok",
                ["execution_count"] = count,
                ["user_expressions"] = expressions is { Count: > 0 } ? await EvaluateAsync(engine, expressions) : new JsonObject(),
                ["payload"] = new JsonArray([.. host.Pages.Select(p => (JsonNode?)new JsonObject
                {
                    ["source"] = "page", ["data"] = MimeBundleJson.Data(p), ["start"] = 0,
                })]),
            }, new JsonObject { ["status"] = "ok" });
            return;
        }

        var error = result.Error ?? new ExecutionError(result.Status == ExecutionStatus.Cancelled ? "OperationCanceledException" : "Error",
            result.Status == ExecutionStatus.Cancelled ? "the cell was interrupted" : "the cell failed", []);
        if (result.Abandoned) error = ExecutionError.Plain(error.Name, error.Message + " " + RestartAdvice);
        channels.Publish(MessageTypes.Error, RequestContent.Error(error.Name, error.Message, error.Traceback, includeStatus: false), request);
        // Take the requests queued behind this cell before its reply goes out: once the client has the
        // reply it may send the next cell, and that one must run, not be aborted.
        if (stopOnError) QueuedAtFailure = TakeQueued(channels.Shell);
        var errorReply = RequestContent.Error(error.Name, error.Message, error.Traceback);
        errorReply["execution_count"] = count;
        channels.Reply(replyTo, request, MessageTypes.ExecuteReply, errorReply, new JsonObject { ["status"] = "error" });
    }

    /// <summary>A kernel cannot restart itself: the frontend does, by a shutdown_request with restart, which ends this process.</summary>
    internal const string RestartAdvice =
        "Restart the kernel to stop it (Jupyter: Kernel > Restart Kernel; VS Code: Restart); the session's variables are lost then.";

    /// <summary>An execution aborted after a failed cell: no new execution count, as ipykernel.</summary>
    public void Abort(JupyterMessage request, IRequestChannel replyTo) =>
        channels.Reply(replyTo, request, MessageTypes.ExecuteReply, new JsonObject { ["status"] = "aborted" }, new JsonObject { ["status"] = "aborted" });

    private void LogFirstCell(ExecutionResult result)
    {
        if (_firstCellLogged) return;
        _firstCellLogged = true;
        KernelLog.Write($"first cell ran in {result.Duration.TotalMilliseconds:0} ms, answered {JupyterKernel.SinceProcessStart().TotalMilliseconds:0} ms after process start " +
            $"({System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:0} ms CPU)");
    }

    // user_expressions: each is evaluated in the cell's scope after it ran; failures are reported per expression.
    private static async Task<JsonObject> EvaluateAsync(ScriptEngine engine, JsonObject expressions)
    {
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
                : RequestContent.Error(result.Error?.Name ?? "Error", result.Error?.Message ?? "", result.Error?.Traceback ?? []);
        }
        return results;
    }

    private static List<IReadOnlyList<byte[]>> TakeQueued(IRequestChannel shell)
    {
        var queued = new List<IReadOnlyList<byte[]>>();
        while (shell.TryReceive(out var frames)) queued.Add(frames);
        return queued;
    }
}
