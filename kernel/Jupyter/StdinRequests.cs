using System.Text.Json.Nodes;
using Ops.Kernel.Jupyter.Protocol;

namespace Ops.Kernel.Jupyter;

/// <summary>
/// input_request / input_reply over the stdin channel. One request is outstanding at a time
/// (a cell blocks in ReadLine until the frontend answers or the cell is interrupted).
/// </summary>
public sealed class StdinRequests(KernelSockets sockets)
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
            if (!sockets.Reply(sockets.Stdin, executeRequest, "input_request", new JsonObject { ["prompt"] = prompt, ["password"] = password }))
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
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            IReadOnlyList<byte[]> frames;
            try { frames = await sockets.Stdin.ReceiveAsync(stopping); }
            catch (Exception e) when (e is OperationCanceledException or System.Threading.Channels.ChannelClosedException) { return; }
            var message = sockets.Codec.Decode(frames, out var error);
            if (message is null)
            {
                KernelLog.Write($"stdin: dropped a message ({error})");
                continue;
            }
            if (message.Type != "input_reply")
            {
                KernelLog.Write($"stdin: ignored unexpected {message.Type}");
                continue;
            }
            var value = message.Content["value"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
            if (Volatile.Read(ref _pending) is { } pending) pending.TrySetResult(value);
            else KernelLog.Write("stdin: input_reply arrived with no input request waiting");
        }
    }
}
