using System.Xml.Linq;
using Ops.Display;

namespace Ops.Tests.Display;

/// <summary>
/// AP names, log lines and process names are untrusted. Every HTML and SVG renderer must escape
/// them: this sends the same hostile string through each one.
/// </summary>
public class EscapingTests
{
    private const string Hostile = "<script>alert('x')</script> & \"quoted\" <img src=x onerror=alert(1)>";
    private const string Escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot; &lt;img src=x onerror=alert(1)&gt;";

    private sealed record Ap(string Name, string Group);

    private static void AssertEscaped(string markup, string what)
    {
        Assert.DoesNotContain("<script", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", markup, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Escaped, markup);
        // Escaped output parses as XML and the text comes back unchanged.
        var doc = XDocument.Parse("<root>" + markup + "</root>");
        Assert.True(doc.Root!.DescendantNodes().OfType<XText>().Any(t => t.Value.Contains(Hostile)), $"{what}: text lost in escaping");
        Assert.DoesNotContain(doc.Descendants(), e => e.Name.LocalName is "script" or "img");
    }

    public static TheoryData<string, Func<string, string>> HtmlRenderers => new()
    {
        { "table", s => new Table(s, "b").AddRow(s, s).ToHtml() },
        { "table note and title", s => new Table("a") { Title = s, Note = s }.AddRow(1).ToHtml() },
        { "object", s => Formatter.Format(new Ap(s, s))[MimeTypes.Html] },
        { "sequence", s => Formatter.Format(new List<Ap> { new(s, s) })[MimeTypes.Html] },
        { "string sequence", s => Formatter.Format(new[] { s })[MimeTypes.Html] },
        { "dictionary", s => Formatter.Format(new Dictionary<string, string> { [s] = s })[MimeTypes.Html] },
        { "exception", s => Formatter.Format(new InvalidOperationException(s, new IOException(s)))[MimeTypes.Html] },
        { "progress", s => new Progress(s, 10).ToHtml() },
        { "chart svg", s => HostileChart(s).ToSvg() },
        { "chart grid svg", s => Chart.Grid(HostileChart(s), HostileChart(s)).WithTitle(s).ToSvg() },
    };

    private static Chart HostileChart(string s) =>
        new Chart(s).Line(s, new[] { (1.0, 2.0), (2.0, 3.0) }).Bar(s, new[] { (1.0, 1.0) }).OnSecondAxis(s)
            .Marker(1.5, s).Annotate(1.5, 2.5, s).XAxis(s).YAxis(s);

    [Theory]
    [MemberData(nameof(HtmlRenderers))]
    public void Untrusted_text_is_escaped(string renderer, Func<string, string> render)
    {
        AssertEscaped(render(Hostile), renderer);
    }

    [Fact]
    public void Chart_svg_stays_self_contained_with_hostile_text()
    {
        var svg = HostileChart(Hostile).ToSvg();
        ChartSvgTests.AssertSelfContained(svg, XDocument.Parse(svg));
    }

    [Fact]
    public void Plotly_figure_html_escapes_names_because_plotly_renders_html_in_them()
    {
        var json = HostileChart(Hostile).ToPlotlyJson();
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(Escaped, doc.RootElement.GetProperty("data")[0].GetProperty("name").GetString());
        Assert.Equal(Escaped, doc.RootElement.GetProperty("layout").GetProperty("title").GetProperty("text").GetString());
        Assert.DoesNotContain("<", json); // JSON text itself is safe to embed in a page
    }

    [Fact]
    public void Characters_xml_forbids_are_replaced_so_svg_still_parses()
    {
        var svg = new Chart("AP\u0001name\uFFFF\uD800").Line("s", new[] { (1.0, 1.0) }).ToSvg();
        var title = XDocument.Parse(svg).Root!.Elements().First(e => e.Name.LocalName == "title").Value;
        Assert.Equal("AP\uFFFDname\uFFFD\uFFFD", title);
    }
}
