using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ops.Kernel.Notebooks;
using Ops.Testing;
using static Ops.Kernel.Tests.Notebooks.TestNotebooks;

namespace Ops.Kernel.Tests.Notebooks;

/// <summary>
/// Known sanitizer bypasses, exported and opened in headless Chromium as a reader would open the
/// page: nothing may run (each payload would mark the page's root element), navigate (to a local
/// page titled NAVIGATED) or be able to submit (no form, button or formaction survives). The page is
/// also opened without its Content-Security-Policy, so the sanitizer alone must hold.
/// </summary>
public class ExportBrowserTests
{
    private static string Ran(string name) => $"document.documentElement.setAttribute('data-ran','{name}')";

    private static IEnumerable<string> Corpus(string target) =>
    [
        $"<svg><style><img src=x onerror=\"{Ran("svg-style")}\"></style></svg>",
        $"<svg><style>@import url({target}.css); rect {{ fill: url({target}.svg#p) }}</style><rect width=\"5\" height=\"5\"/></svg>",
        $"<math><mtext><table><mglyph><style><img src=x onerror=\"{Ran("math")}\"></style></mglyph></table></mtext></math>",
        $"<math><mi xlink:href=\"javascript:{Ran("math-href")}\">m</mi></math>",
        $"<form><math><mtext></form><form><mglyph><style></math><img src onerror=\"{Ran("form-math")}\">",
        $"<noscript><p title=\"</noscript><img src=x onerror={Ran("noscript")}>\"></noscript>",
        $"<base href=\"{target}/\"><a href=\"relative\">relative link</a>",
        $"<meta http-equiv=\"refresh\" content=\"0;url={target}\">",
        $"<form action=\"{target}\" method=\"post\"><input name=\"password\"><button>Log in again</button></form>",
        $"<button form=\"x\" formaction=\"{target}\">go</button><input type=\"submit\" formaction=\"{target}\">",
        $"<a href=\"javascript:{Ran("a-href")}\">a</a><a href=\"jav&#x09;ascript:{Ran("a-tab")}\">b</a>",
        $"<img src=\"javascript:{Ran("img-src")}\"><img src=x onerror=\"{Ran("img-onerror")}\">",
        $"<iframe src=\"javascript:parent.{Ran("iframe")}\"></iframe><iframe srcdoc=\"<script>parent.{Ran("srcdoc")}</script>\"></iframe>",
        $"<object data=\"javascript:{Ran("object")}\"></object><embed src=\"javascript:{Ran("embed")}\">",
        $"<svg><a xlink:href=\"javascript:{Ran("svg-a")}\"><text y=\"10\">t</text></a><animate attributeName=\"href\" to=\"javascript:{Ran("animate")}\"/></svg>",
        $"<svg><script>{Ran("svg-script")}</script><set attributeName=\"onmouseover\" to=\"{Ran("set")}\"/></svg>",
        $"<svg><foreignObject><iframe src=\"{target}\"></iframe></foreignObject><use href=\"{target}.svg#x\"/><image href=\"{target}.png\"/></svg>",
        $"<video poster=\"javascript:{Ran("poster")}\"></video><table background=\"javascript:{Ran("background")}\"><tr><td>x</td></tr></table>",
        $"<blockquote cite=\"javascript:{Ran("cite")}\">q</blockquote><area href=\"javascript:{Ran("area")}\">",
        $"<div style=\"background-image: url({target}.png); width: expression({Ran("expr")})\">styled</div>",
        $"<div style=\"background: u\\72l({target}.png)\">escaped url</div><style>@import '{target}.css';</style>",
        $"<details open ontoggle=\"{Ran("ontoggle")}\"><summary>s</summary></details>",
        $"<script>{Ran("script")}</script><img src=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=\" onload=\"{Ran("data-svg")}\">",
    ];

    private static string Export(string directory, string target, bool withCsp)
    {
        var notebook = Create(Path.Combine(directory, "corpus.ipynb"), Markdown("# Bypass corpus"), Code("corpus"));
        var outputs = notebook.Cells[1].Outputs;
        foreach (var html in Corpus(target))
            outputs.Add(new JsonObject
            {
                ["data"] = new JsonObject { ["text/html"] = html, ["image/svg+xml"] = html.StartsWith("<svg", StringComparison.Ordinal) ? html : null, ["text/plain"] = "x" },
                ["metadata"] = new JsonObject(), ["output_type"] = "display_data",
            });
        foreach (var data in outputs.Select(o => (JsonObject)o!["data"]!)) if (data["image/svg+xml"] is null) data.Remove("image/svg+xml");
        var page = NotebookHtml.Render(notebook);
        if (!withCsp) page = Regex.Replace(page, "<meta http-equiv=\"Content-Security-Policy\"[^>]*>\n", "");
        var path = Path.Combine(directory, withCsp ? "corpus.html" : "corpus-no-csp.html");
        File.WriteAllText(path, page);
        return path;
    }

    private static string DumpDom(string page, string profile)
    {
        var psi = new ProcessStartInfo(Peer.Find("chromium")!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--virtual-time-budget=3000", "--dump-dom",
                     new Uri(page).AbsoluteUri })
            psi.ArgumentList.Add(a);
        using var chromium = Process.Start(psi)!;
        var dom = chromium.StandardOutput.ReadToEndAsync();
        _ = chromium.StandardError.ReadToEndAsync();
        if (!chromium.WaitForExit(90_000))
        {
            chromium.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish in 90 s");
        }
        return dom.Result;
    }

    [PeerFact("chromium")]
    public void Known_bypasses_neither_run_nor_navigate_nor_submit_in_chromium()
    {
        using var temp = ExampleFiles.Temp();
        var target = new Uri(Path.Combine(temp.Path, "pwned.html")).AbsoluteUri;
        File.WriteAllText(Path.Combine(temp.Path, "pwned.html"), "<!DOCTYPE html><html><head><title>NAVIGATED</title></head><body>navigated</body></html>");
        foreach (var withCsp in new[] { false, true })
        {
            var dom = DumpDom(Export(temp.Path, target, withCsp), Path.Combine(temp.Path, "profile-" + withCsp));
            var page = withCsp ? "exported page" : "page without its CSP";
            Assert.True(dom.Contains("<title>Bypass corpus</title>", StringComparison.Ordinal), $"{page}: navigated away or did not load:\n{dom[..Math.Min(dom.Length, 500)]}");
            Assert.DoesNotMatch("data-ran", dom);
            var tags = string.Join("\n", Regex.Matches(dom, "<[a-zA-Z][^>]*>").Select(m => m.Value));
            Assert.DoesNotMatch(@"\son[a-z]+\s*=", tags);
            Assert.DoesNotMatch("(?i)javascript:", tags);
            Assert.DoesNotMatch(@"(?i)<(script|iframe|object|embed|form|button|base|textarea|select|foreignobject|animate|set|use|image|math)\b", tags);
            Assert.DoesNotMatch(@"(?i)formaction|srcdoc|http-equiv=""refresh""|url\(|@import|expression\(", tags);
            Assert.DoesNotContain(target, dom);
            Assert.Single(Regex.Matches(dom, "<style"));
            Assert.Contains("relative link", dom); // harmless text stays
        }
    }
}
