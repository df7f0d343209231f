using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Ops.Display;

namespace Ops.Interactive;

/// <summary>
/// Where ops displays go inside .NET Interactive: the exact bundle as one display event of the cell
/// that first showed the value, and updates to it (progress) as updates of that same output.
/// </summary>
internal sealed class InteractiveDisplaySink : IDisplaySink
{
    // The cell a display id was first shown in, so updates from background work land there.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (KernelInvocationContext Context, KernelCommand Command)> _origins = new();

    public void Publish(MimeBundle bundle, string displayId, bool isUpdate)
    {
        var current = KernelInvocationContext.Current;
        if (isUpdate && _origins.TryGetValue(displayId, out var origin) && !origin.Context.IsComplete)
            current = origin.Context;
        if (current is null)
        {
            // Nothing is running (a timer after the cell ended): the text still reaches the log.
            Console.Out.WriteLine(bundle.PlainText);
            return;
        }
        var values = InteractiveFormatters.ToFormattedValues(bundle);
        if (isUpdate)
        {
            current.Publish(new DisplayedValueUpdated(bundle, displayId, current.Command, values));
            return;
        }
        _origins[displayId] = (current, current.Command);
        if (_origins.Count > 1024) Prune();
        current.Publish(new DisplayedValueProduced(bundle, current.Command, values, displayId));
    }

    // Bounded: ids of finished cells are dropped (their outputs can no longer be updated anyway).
    private void Prune()
    {
        foreach (var (id, origin) in _origins)
            if (origin.Context.IsComplete) _origins.TryRemove(id, out _);
    }
}
