using Ops.Display;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Tests.Scripting;

/// <summary>What a cell's last expression shows, and the raw markup and pager helpers cells see.</summary>
public class CellValuesTests
{
    [Theory]
    [InlineData("Console.WriteLine(\"x\")")]
    [InlineData("await Task.Delay(1)")]
    [InlineData("display(5)")]
    [InlineData("\"x\".Display()")]
    public async Task Void_calls_and_display_handles_add_no_result(string code)
    {
        using var engine = new ScriptEngine();
        var result = await engine.ExecuteAsync(code, new RecordingHost());
        Assert.Equal(ExecutionStatus.Ok, result.Status);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task A_display_shows_once_and_a_null_value_still_shows_null()
    {
        using var engine = new ScriptEngine();
        var host = new RecordingHost();
        await engine.ExecuteAsync("display(5)", host);
        Assert.Single(host.Events, e => e.Kind.StartsWith("display:", StringComparison.Ordinal) && e.Text == "5");
        Assert.Equal("null", (await engine.ExecuteAsync("object? o = null; o", host)).Value?.PlainText);
    }

    [Fact]
    public async Task Raw_helpers_give_their_markup_as_the_cell_value()
    {
        using var engine = new ScriptEngine();
        var html = (await engine.ExecuteAsync("HTML(\"<b>bold</b> &amp; plain\")", new RecordingHost())).Value!;
        Assert.Equal("<b>bold</b> &amp; plain", html.Get(MimeTypes.Html));
        Assert.Equal("bold & plain", html.PlainText);
        Assert.Equal("# Title", (await engine.ExecuteAsync("Markdown(\"# Title\")", new RecordingHost())).Value!.Get(MimeTypes.Markdown));
        Assert.Equal("<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
            (await engine.ExecuteAsync("SVG(\"<svg xmlns=\\\"http://www.w3.org/2000/svg\\\"/>\")", new RecordingHost())).Value!.Get(MimeTypes.Svg));
        Assert.Equal("{\"a\":1}", (await engine.ExecuteAsync("JSON(new { a = 1 })", new RecordingHost())).Value!.Get(MimeTypes.Json));
        var bundle = (await engine.ExecuteAsync("new MimeBundle(\"text\").With(\"text/html\", \"<i>t</i>\")", new RecordingHost())).Value!;
        Assert.Equal(["text/html", "text/plain"], bundle.Keys.Order());
        Assert.Equal("<i>t</i>", bundle.Get(MimeTypes.Html));
    }

    [Fact]
    public async Task Page_goes_to_the_host_pager()
    {
        using var engine = new ScriptEngine();
        var host = new RecordingHost();
        await engine.ExecuteAsync("Page(\"long help text\");", host);
        Assert.Equal([("page", "long help text")], host.Events);
    }

    [Fact]
    public async Task Lsmagic_lists_the_package_directives()
    {
        using var engine = new ScriptEngine();
        var host = new RecordingHost();
        await engine.ExecuteAsync("#!lsmagic", host);
        Assert.Contains("#r \"nuget: Id, Version\"", host.Stdout);
        Assert.Contains("#i \"nuget: SOURCE\"", host.Stdout);
    }
}
