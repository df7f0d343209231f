using Microsoft.DotNet.Interactive.Formatting;
using Ops.Display;
using Ops.Secrets;
using InteractiveFormatter = Microsoft.DotNet.Interactive.Formatting.Formatter;
using OpsFormatter = Ops.Display.Formatter;
using Html = Ops.Display.Html;

namespace Ops.Interactive;

/// <summary>
/// .NET Interactive formatters for values .NET Interactive itself displays (a cell's return value,
/// its <c>display(x)</c>): each mime type is the part of the ops bundle of that type. .NET
/// Interactive asks for a fixed list of mime types per type, so charts list the SVG and plotly
/// figure and everything else the HTML; the ops path (<see cref="InteractiveDisplaySink"/>)
/// publishes whatever the bundle holds.
/// </summary>
internal static class InteractiveFormatters
{
    private static readonly string[] ChartTypes = [MimeTypes.Svg, MimeTypes.Plotly, MimeTypes.PlainText];
    private static readonly string[] OtherTypes = [MimeTypes.Html, MimeTypes.PlainText];

    public static void Register()
    {
        foreach (var mimeType in new[] { MimeTypes.PlainText, MimeTypes.Html, MimeTypes.Svg, MimeTypes.Plotly, MimeTypes.Json })
            InteractiveFormatter.Register(typeof(IMimeRenderable), (value, writer) => writer.Write(Part(value, mimeType)), mimeType);
        InteractiveFormatter.SetPreferredMimeTypesFor(typeof(IMimeRenderable), OtherTypes);
        InteractiveFormatter.SetPreferredMimeTypesFor(typeof(Chart), ChartTypes);
        InteractiveFormatter.SetPreferredMimeTypesFor(typeof(ChartGrid), ChartTypes);

        // Without these .NET Interactive would walk a Secret's properties; the masked text is all it shows.
        InteractiveFormatter.Register(typeof(Secret), (value, writer) => writer.Write(value.ToString()), MimeTypes.PlainText);
        InteractiveFormatter.Register(typeof(Secret), (value, writer) => writer.Write(Html.Escape(value.ToString() ?? "")), MimeTypes.Html);
        InteractiveFormatter.SetPreferredMimeTypesFor(typeof(Secret), MimeTypes.PlainText);
    }

    /// <summary>One representation of the ops bundle; the plain text when the bundle lacks it.</summary>
    private static string Part(object value, string mimeType)
    {
        var bundle = OpsFormatter.Format(value);
        return bundle.Get(mimeType) ?? (mimeType == MimeTypes.Html ? "<pre>" + Html.Escape(bundle.PlainText) + "</pre>" : bundle.PlainText);
    }

    public static IReadOnlyCollection<FormattedValue> ToFormattedValues(MimeBundle bundle) =>
        bundle.Select(p => new FormattedValue(p.Key, p.Value)).ToList();
}
