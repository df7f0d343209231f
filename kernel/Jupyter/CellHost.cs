using System.Text.Json.Nodes;
using Ops.Display;
using Ops.Kernel.Jupyter.Protocol;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Jupyter;

/// <summary>
/// What one execute_request's cell sees of the frontend: streams and displays go to iopub with
/// the request as parent; input goes through stdin, only when the request allowed it.
/// </summary>
internal sealed class CellHost(KernelSockets sockets, StdinRequests stdin, JupyterMessage request, bool allowStdin,
    CancellationToken cancellationToken) : IExecutionHost
{
    public void WriteStream(string name, string text)
    {
        if (text.Length == 0) return;
        sockets.Publish("stream", new JsonObject { ["name"] = name == "stderr" ? "stderr" : "stdout", ["text"] = text }, request);
    }

    public void Publish(MimeBundle bundle, string displayId, bool isUpdate)
    {
        var content = new JsonObject
        {
            ["data"] = MimeBundleJson.Data(bundle),
            ["metadata"] = new JsonObject(),
            ["transient"] = new JsonObject { ["display_id"] = displayId },
        };
        sockets.Publish(isUpdate ? "update_display_data" : "display_data", content, request);
    }

    public string ReadInput(string prompt, bool password)
    {
        if (!allowStdin)
            throw new InputNotAllowedException(
                "this frontend does not accept input (allow_stdin is false): the cell asked for input" +
                (prompt.Length > 0 ? $" with prompt '{prompt}'" : "") + ". Pass the value as a variable or a notebook parameter instead.");
        return stdin.Ask(request, prompt, password, cancellationToken);
    }
}
