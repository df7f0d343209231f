using System.Text.Json.Nodes;
using Ops.Kernel.Cli;
using Ops.Kernel.Notebooks;
using static Ops.Kernel.Tests.Notebooks.TestNotebooks;

namespace Ops.Kernel.Tests.Notebooks;

public class HtmlExportTests
{
    private static JsonObject Display(params (string Mime, string Value)[] data)
    {
        var bundle = new JsonObject();
        foreach (var (mime, value) in data) bundle[mime] = NotebookCell.SplitLines(value);
        return new JsonObject { ["data"] = bundle, ["metadata"] = new JsonObject(), ["output_type"] = "display_data" };
    }

    private static Notebook WithOutputs()
    {
        var notebook = Create("exp.ipynb",
            Markdown("# Postmortem <script>alert('md')</script>\n\n[click](javascript:alert(1)) ![x](https://tracker.example/p.gif) | a |\n|---|---|"),
            Code("chart"));
        var outputs = notebook.Cells[1].Outputs;
        outputs.Add(Display(("text/plain", "Chart"),
            ("image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(2)\"><script>alert(3)</script><rect id=\"bar\" width=\"10\" height=\"20\"/><a href=\"javascript:alert(4)\"><text>t</text></a><foreignObject><div>x</div></foreignObject><image href=\"https://evil.example/i.png\"/></svg>"),
            ("text/html", "<b>should lose to svg</b>")));
        outputs.Add(Display(("text/plain", "T"), ("text/html", "<table onclick=\"alert(5)\"><tr><td style=\"background:url(https://evil.example/x)\">AP1</td></tr></table><iframe src=\"https://evil.example\"></iframe><img src=x onerror=alert(6)><a href=\"https://docs.example/ok\">doc</a>")));
        outputs.Add(new JsonObject { ["name"] = "stdout", ["output_type"] = "stream", ["text"] = NotebookCell.SplitLines("<script>alert(7)</script>\n") });
        outputs.Add(new JsonObject { ["ename"] = "E", ["evalue"] = "x", ["output_type"] = "error", ["traceback"] = new JsonArray("\u001b[31mE: <img src=x onerror=alert(8)>\u001b[0m") });
        return notebook;
    }

    [Fact]
    public void Export_contains_no_script_from_outputs_and_shows_the_svg()
    {
        var html = NotebookHtml.Render(WithOutputs());
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<foreignObject", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onload", html);
        Assert.DoesNotContain("onclick", html);
        Assert.DoesNotContain("onerror=alert(6)", html);
        Assert.Contains("[image: external]", html);
        Assert.DoesNotContain("evil.example", html);
        Assert.DoesNotContain("tracker.example", html);
        Assert.Contains("<rect id=\"bar\" width=\"10\" height=\"20\"", html);
        Assert.DoesNotContain("should lose to svg", html);
        Assert.Contains(">AP1</td>", html);
        Assert.Contains("<a href=\"https://docs.example/ok\">doc</a>", html);
        Assert.Contains("&lt;script&gt;alert(7)&lt;/script&gt;", html);
        Assert.Contains("E: &lt;img src=x onerror=alert(8)&gt;", html);
        Assert.Contains("&lt;script&gt;alert(&#39;md&#39;)&lt;/script&gt;", html);
        Assert.Contains("Content-Security-Policy", html);
        Assert.Contains("<title>Postmortem &lt;script&gt;", html);
    }

    [Theory]
    [InlineData("<a href=\" jav&#x61;script:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<svg><use xlink:href=\"#ok\"/><use href=\"https://e.example/s.svg#a\"/></svg>", "<svg></svg>")]
    [InlineData("<p>1 < 2 > 0</p>", "<p>1 &lt; 2 &gt; 0</p>")]
    [InlineData("<scr<script>x</script>ipt>alert(1)</script>", "xipt&gt;alert(1)")]
    [InlineData("<style>rect{fill:red}</style><style>@import 'x.css';</style>", "")]
    [InlineData("<img src=\"data:image/png;base64,iVBOR\" alt=a>", "<img src=\"data:image/png;base64,iVBOR\" alt=\"a\">")]
    public void Sanitizer_cases(string input, string expected) => Assert.Equal(expected, OutputSanitizer.Sanitize(input));

    [Theory]
    [InlineData("<div style=\"width:1px; background: u\\72l(https://evil.example/x)\">y</div>")]
    [InlineData("<div style=\"background-image: url('https://evil.example/x')\">y</div>")]
    [InlineData("<div style=\"width: expression(alert(1))\">y</div>")]
    [InlineData("<svg><rect fill=\"url(https://evil.example/p#g)\" width=\"1\"/></svg>")]
    public void Styles_and_paints_that_load_anything_are_removed(string input)
    {
        var clean = OutputSanitizer.Sanitize(input);
        Assert.DoesNotContain("evil.example", clean);
        Assert.DoesNotContain("expression", clean);
        Assert.Contains(input.Contains("<svg") ? "<rect" : ">y<", clean);
    }

    [Fact]
    public void Export_verb_writes_one_redacted_file()
    {
        using var temp = ExampleFiles.Temp();
        var notebook = WithOutputs();
        notebook.Cells[1].Outputs.Add(new JsonObject { ["name"] = "stdout", ["output_type"] = "stream", ["text"] = NotebookCell.SplitLines("Password=hunter22;\n") });
        var path = Path.Combine(temp.Path, "exp.ipynb");
        notebook.Save(path);
        var target = Path.Combine(temp.Path, "share", "pm.html");
        Assert.Equal(0, OpsCommandLine.Run(["export", path, "--html", "-o", target]));
        var html = File.ReadAllText(target);
        Assert.Contains("Password=[REDACTED:password];", html);
        Assert.DoesNotContain("hunter22", html);
        Assert.Equal(2, OpsCommandLine.Run(["export", path]));
        Assert.Equal(3, OpsCommandLine.Run(["export", Path.Combine(temp.Path, "missing.ipynb"), "--html"]));
    }
}

public class ChartExportTests
{
    [Fact]
    public void A_library_chart_passes_the_sanitiser_unchanged_in_substance()
    {
        var chart = new Ops.Display.Chart("free memory <MB>")
            .Line("web1", new[] { (0.0, 1595.9), (5.0, 999.8), (10.0, 1200.0) })
            .Bar("requests", new[] { (0.0, 10.0), (5.0, 12.0), (10.0, 9.0) });
        var svg = Ops.Display.Formatter.Format(chart).Get(Ops.Display.MimeTypes.Svg);
        Assert.NotNull(svg);
        var clean = OutputSanitizer.Sanitize(svg);
        static int Count(string s, string what) => (s.Length - s.Replace(what, "").Length) / what.Length;
        foreach (var element in new[] { "<svg", "<path", "<rect", "<text", "<polyline", "<line", "<circle", "<g" })
            Assert.Equal(Count(svg, element), Count(clean, element));
        Assert.Contains("free memory &lt;MB&gt;", clean);
    }
}
