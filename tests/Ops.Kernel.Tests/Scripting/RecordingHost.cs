using Ops.Display;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Tests.Scripting;

/// <summary>An execution host that records everything a cell sends, in order.</summary>
internal sealed class RecordingHost : IExecutionHost
{
    private readonly object _lock = new();
    public List<(string Kind, string Text)> Events { get; } = new();
    public Queue<string> Inputs { get; } = new();
    public bool AllowInput { get; set; } = true;

    /// <summary>Runs on the cell's thread when the cell asks for input (to act inside the cell's flow).</summary>
    public Action? OnInput { get; set; }

    public void WriteStream(string name, string text) { lock (_lock) Events.Add((name, text)); }

    public void Publish(MimeBundle bundle, string displayId, bool isUpdate)
    {
        lock (_lock) Events.Add((isUpdate ? "update:" + displayId : "display:" + displayId, bundle.PlainText));
    }

    public void ClearOutput(bool wait) { lock (_lock) Events.Add(("clear", wait ? "wait" : "now")); }

    public void Page(MimeBundle bundle) { lock (_lock) Events.Add(("page", bundle.PlainText)); }

    public string ReadInput(string prompt, bool password)
    {
        if (!AllowInput) throw new InputNotAllowedException("input is not allowed here");
        OnInput?.Invoke();
        lock (_lock) Events.Add(("input", prompt));
        return Inputs.Dequeue();
    }

    public string Stdout { get { lock (_lock) return string.Concat(Events.Where(e => e.Kind == "stdout").Select(e => e.Text)); } }
    public string Stderr { get { lock (_lock) return string.Concat(Events.Where(e => e.Kind == "stderr").Select(e => e.Text)); } }
}
