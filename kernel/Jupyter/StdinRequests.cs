using System.Text.Json.Nodes;
using Ops.Kernel.Jupyter.Protocol;

namespace Ops.Kernel.Jupyter;

/// <summary>
/// input_request / input_reply over the stdin channel. One request is outstanding at a time
/// (a cell blocks in ReadLine until the frontend answers or the cell is interrupted).
/// </summary>
public sealed class StdinRequests(KernelChannels channels)
{
    private TaskCompletionSource<string>? _pending;

    /// <summary>Asks the frontend that sent <paramref name="executeRequest"/> for a line; blocks the calling cell thread.</summary>
    public string Ask(JupyterMessage executeRequest, string prompt, bool password, CancellationToken cancellationToken)
    {
        var pending = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _pending, pending, null) is not null)
            throw new InvalidOperationException("another input request is already waiting for the frontend");
        try
        {
            // The frontend's stdin socket shares its shell identity, so the shell request's identities route it.
            if (!channels.Reply(channels.Stdin, executeRequest, MessageTypes.InputRequest, new JsonObject { ["prompt"] = prompt, ["password"] = password }))
                throw new Ops.Kernel.Scripting.InputNotAllowedException(
                    "the frontend that ran this cell has no stdin channel connected, so nobody can answer the input request" +
                    (prompt.Length > 0 ? $" '{prompt}'" : "") + ". Reconnect the frontend, or pass the value as a variable.");
            return pending.Task.WaitAsync(cancellationToken).GetAwaiter().GetResult();
        }
        finally
        {
            Interlocked.CompareExchange(ref _pending, null, pending);
        }
    }

    /// <summary>Runs the stdin channel: input replies complete the waiting request, anything else is ignored.</summary>
    public Task RunAsync(CancellationToken stopping) => channels.ReceiveLoopAsync(channels.Stdin, message =>
    {
        if (message.Type != MessageTypes.InputReply)
            KernelLog.Write($"stdin: ignored unexpected {message.Type}");
        else if (Volatile.Read(ref _pending) is { } pending)
            pending.TrySetResult(message.Content["value"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "");
        else
            KernelLog.Write("stdin: input_reply arrived with no input request waiting");
        return Task.CompletedTask;
    }, stopping);
}
