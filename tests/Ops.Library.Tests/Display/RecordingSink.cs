using Ops.Display;

namespace Ops.Tests.Display;

/// <summary>Collects what is displayed, in order, like a frontend would receive it.</summary>
internal sealed class RecordingSink : IDisplaySink
{
    private readonly List<(MimeBundle Bundle, string Id, bool IsUpdate)> _published = new();

    public IReadOnlyList<(MimeBundle Bundle, string Id, bool IsUpdate)> Published
    {
        get { lock (_published) return _published.ToList(); }
    }

    public void Publish(MimeBundle bundle, string displayId, bool isUpdate)
    {
        lock (_published) _published.Add((bundle, displayId, isUpdate));
    }
}
