using Ops.Display;

namespace Ops.Kernel.Scripting;

/// <summary>
/// What a host (kernel, REPL, notebook runner) provides to one execution: displays (through
/// <see cref="IDisplaySink"/>), captured Console streams, and input when the host has a stdin.
/// </summary>
public interface IExecutionHost : IDisplaySink
{
    /// <summary>Console output of the cell, ordered across both streams. <paramref name="name"/> is "stdout" or "stderr".</summary>
    void WriteStream(string name, string text);

    /// <summary>A line typed by the user; throws <see cref="InputNotAllowedException"/> when the host has no stdin.</summary>
    string ReadInput(string prompt, bool password);

    /// <summary>Text for the frontend's pager (IPython's page); hosts without a pager show it as a display.</summary>
    void Page(MimeBundle bundle) => Publish(bundle, Guid.NewGuid().ToString("N"), isUpdate: false);
}
