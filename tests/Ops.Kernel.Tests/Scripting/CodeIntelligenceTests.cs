using Ops.Kernel.Scripting;

namespace Ops.Kernel.Tests.Scripting;

/// <summary>is_complete and inspect as a frontend asks for them.</summary>
public class CodeIntelligenceTests : IClassFixture<SharedEngine>
{
    private readonly ScriptEngine _engine;

    public CodeIntelligenceTests(SharedEngine engine) => _engine = engine.Value;

    [Theory]
    // no added lines can fix these
    [InlineData("}", "invalid")]
    [InlineData("var x = 1);", "invalid")]
    [InlineData("1 2", "invalid")]
    [InlineData("int y = ;", "invalid")]
    [InlineData("var s = \"abc", "invalid")]
    [InlineData("if (x) { foo() }", "invalid")]
    [InlineData("#!nosuchmagic\n1", "invalid")]
    // still open
    [InlineData("if (x) {", "incomplete")]
    [InlineData("if (x) { // comment", "incomplete")]
    [InlineData("var s = @\"abc", "incomplete")]
    [InlineData("/* a comment", "incomplete")]
    [InlineData("Foo(1,", "incomplete")]
    [InlineData("class A {", "incomplete")]
    // ready to run
    [InlineData("var x = 1;", "complete")]
    [InlineData("x + 1", "complete")]
    [InlineData("try {} catch {}", "complete")]
    [InlineData("#r \"nuget: Humanizer, 2.14.1\"\n#i \"nuget: /tmp/feed\"\nvar x = 1;", "complete")]
    [InlineData("#!time\nvar x = 1;", "complete")]
    [InlineData("", "complete")]
    public void Is_complete_tells_invalid_from_incomplete(string code, string expected) =>
        Assert.Equal(expected, _engine.IsComplete(code).Status);

    [Fact]
    public void Incomplete_code_is_indented_by_its_open_blocks() =>
        Assert.Equal("        ", _engine.IsComplete("if (a) {\n    if (b) {").Indent);

    [Fact]
    public void Inspect_shows_base_library_documentation_for_every_overload()
    {
        var result = _engine.Inspect("Console.WriteLine", "Console.WriteLine".Length);
        Assert.NotNull(result);
        var overloads = result.PlainText.Split('\n').Where(l => l.StartsWith("method System.Console.WriteLine(", StringComparison.Ordinal)).ToList();
        Assert.True(overloads.Count >= 10, result.PlainText);
        Assert.Contains("method System.Console.WriteLine(string", result.PlainText);
        Assert.Contains("Writes the current line terminator", result.PlainText);
    }

    [Theory]
    [InlineData("Math.Max(1, 2)", 6, "Returns the larger of two")]            // System.Private.CoreLib, documented in System.Runtime.xml
    [InlineData("new List<int>().Add(1)", 17, "Adds an object to the end")]   // CoreLib type documented in System.Collections.xml
    [InlineData("Enumerable.Range(0, 3)", 13, "Generates a sequence of integral numbers")] // System.Linq
    public void Inspect_finds_documentation_of_runtime_symbols_in_the_reference_pack(string code, int cursor, string summary)
    {
        var result = _engine.Inspect(code, cursor);
        Assert.NotNull(result);
        Assert.Contains(summary, result.PlainText);
    }
}
