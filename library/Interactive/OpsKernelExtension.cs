using Microsoft.DotNet.Interactive;
using Ops.Display;

namespace Ops.Interactive;

/// <summary>
/// Loaded by .NET Interactive from the package's interactive-extensions/dotnet folder when a
/// notebook runs <c>#r "nuget: Ops.Library"</c>. Gives the ops display model to .NET Interactive:
/// values the ops library renders show the same mime bundle as in ops, ops displays (progress,
/// <c>x.Display()</c>) publish through the running cell and update in place, and a
/// <see cref="Secret"/> only ever shows its masked text.
/// </summary>
public sealed class OpsKernelExtension : IKernelExtension
{
    public Task OnLoadAsync(Kernel kernel)
    {
        DisplayContext.SetHost(new InteractiveDisplaySink());
        InteractiveFormatters.Register();
        if (KernelInvocationContext.Current is { } context)
            context.DisplayAs("The ops display model is registered: tables, charts and progress render as in ops.", "text/markdown");
        return Task.CompletedTask;
    }
}
