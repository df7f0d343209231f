namespace Ops.Display;

/// <summary>
/// Where displays go: the kernel turns them into display_data / update_display_data, the REPL
/// prints their text, the notebook runner records them as outputs.
/// </summary>
public interface IDisplaySink
{
    /// <param name="bundle">The rendered value.</param>
    /// <param name="displayId">Stable id of the output; updates replace the output with this id.</param>
    /// <param name="isUpdate">True for <see cref="DisplayHandle.Update"/>, false for the first display.</param>
    void Publish(MimeBundle bundle, string displayId, bool isUpdate);

    /// <summary>
    /// Clears what the current cell has shown so far (IPython's clear_output); with <paramref name="wait"/>
    /// the clear happens when the next output arrives, so a redrawn output does not flicker. Sinks without
    /// a notion of a cell's output ignore it.
    /// </summary>
    void ClearOutput(bool wait) { }
}
