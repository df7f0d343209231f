namespace Ops.Display;

/// <summary>A value that knows how to render itself (tables, charts, progress).</summary>
public interface IMimeRenderable
{
    MimeBundle ToMimeBundle();
}
