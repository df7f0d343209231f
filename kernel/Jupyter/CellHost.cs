using System.Text.Json.Nodes;
using Ops.Display;
using Ops.Kernel.Jupyter.Protocol;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Jupyter;

/// <summary>
/// What one execute_request's cell sees of the frontend: streams, displays and clears go to iopub
/// with the request as parent; pages become payloads of the reply; input goes through stdin, only
/// when the request allowed it. Counts the messages a stalled subscriber did not take.
/// </summary>
internal sealed class CellHost(KernelChannels channels, StdinRequests stdin, JupyterMessage request, bool allowStdin,
    CancellationToken cancellationToken) : IExecutionHost
{
    private readonly List<MimeBundle> _pages = [];
    private int _dropped;

    /// <summary>Output messages of this cell that some subscriber did not take in time.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>What the cell sent to the pager, for the execute_reply's payload.</summary>
    public IReadOnlyList<MimeBundle> Pages { get { lock (_pages) return [.. _pages]; } }

    public void WriteStream(string name, string text)
    {
        if (text.Length == 0) return;
        Send(MessageTypes.Stream, new JsonObject { ["name"] = name == "stderr" ? "stderr" : "stdout", ["text"] = text });
    }

    public void Publish(MimeBundle bundle, string displayId, bool isUpdate)
    {
        var content = new JsonObject
        {
            ["data"] = MimeBundleJson.Data(bundle),
            ["metadata"] = new JsonObject(),
            ["transient"] = new JsonObject { ["display_id"] = displayId },
        };
        Send(isUpdate ? MessageTypes.UpdateDisplayData : MessageTypes.DisplayData, content);
    }

    public void ClearOutput(bool wait) => Send(MessageTypes.ClearOutput, new JsonObject { ["wait"] = wait });

    public void Page(MimeBundle bundle)
    {
        lock (_pages) _pages.Add(bundle);
    }

    public string ReadInput(string prompt, bool password)
    {
        if (!allowStdin)
            throw new InputNotAllowedException(
                "this frontend does not accept input (allow_stdin is false): the cell asked for input" +
                (prompt.Length > 0 ? $" with prompt '{prompt}'" : "") + ". Pass the value as a variable or a notebook parameter instead.");
        return stdin.Ask(request, prompt, password, cancellationToken);
    }

    private void Send(string messageType, JsonObject content)
    {
        if (!channels.Publish(messageType, content, request)) Interlocked.Increment(ref _dropped);
    }
}
