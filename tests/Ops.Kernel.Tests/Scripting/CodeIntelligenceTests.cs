using Ops.Kernel.Scripting;

namespace Ops.Kernel.Tests.Scripting;

/// <summary>is_complete and inspect as a frontend asks for them.</summary>
public class CodeIntelligenceTests : IClassFixture<SharedEngine>
{
    private readonly ScriptEngine _engine;

    public CodeIntelligenceTests(SharedEngine engine) => _engine = engine.Value;

    [Theory]
    // no added lines can fix these
    [InlineData("}", CompletenessStatus.Invalid)]
    [InlineData("var x = 1);", CompletenessStatus.Invalid)]
    [InlineData("1 2", CompletenessStatus.Invalid)]
    [InlineData("int y = ;", CompletenessStatus.Invalid)]
    [InlineData("var s = \"abc", CompletenessStatus.Invalid)]
    [InlineData("if (x) { foo() }", CompletenessStatus.Invalid)]
    [InlineData("#!nosuchmagic\n1", CompletenessStatus.Invalid)]
    // still open
    [InlineData("if (x) {", CompletenessStatus.Incomplete)]
    [InlineData("if (x) { // comment", CompletenessStatus.Incomplete)]
    [InlineData("var s = @\"abc", CompletenessStatus.Incomplete)]
    [InlineData("/* a comment", CompletenessStatus.Incomplete)]
    [InlineData("Foo(1,", CompletenessStatus.Incomplete)]
    [InlineData("class A {", CompletenessStatus.Incomplete)]
    // ready to run
    [InlineData("var x = 1;", CompletenessStatus.Complete)]
    [InlineData("x + 1", CompletenessStatus.Complete)]
    [InlineData("try {} catch {}", CompletenessStatus.Complete)]
    [InlineData("#r \"nuget: Humanizer, 2.14.1\"\n#i \"nuget: /tmp/feed\"\nvar x = 1;", CompletenessStatus.Complete)]
    [InlineData("#!time\nvar x = 1;", CompletenessStatus.Complete)]
    [InlineData("", CompletenessStatus.Complete)]
    public void Is_complete_tells_invalid_from_incomplete(string code, CompletenessStatus expected) =>
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
