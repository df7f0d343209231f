using Ops.Kernel.Repl;
using Ops.Kernel.Scripting;
using Ops.Kernel.Tests.Scripting;

namespace Ops.Kernel.Tests.Repl;

public class PipedSubmissionsTests : IClassFixture<SharedEngine>
{
    private readonly ScriptEngine _engine;

    public PipedSubmissionsTests(SharedEngine engine) => _engine = engine.Value;

    private List<(string Code, int Line)> Split(string input)
    {
        var splitter = new PipedSubmissions(code => _engine.IsComplete(code).Status);
        var all = new List<PipedSubmissions.Submission>();
        foreach (var line in input.Split('\n')) all.AddRange(splitter.Add(line));
        if (splitter.End() is { } last) all.Add(last);
        return all.Select(s => (s.IsHelp ? "#help" : s.Code.TrimEnd(), s.StartLine)).ToList();
    }

    [Fact]
    public void Each_complete_statement_is_its_own_submission() =>
        Assert.Equal([("var a = 1;", 1), ("a + 1", 3), ("a + 2", 4)], Split("var a = 1;\n\na + 1\na + 2"));

    [Fact]
    public void A_finally_or_else_on_the_next_line_continues_the_statement() =>
        Assert.Equal([("try { } catch { }\nfinally { Console.WriteLine(1); }", 1), ("if (true) { }\nelse { }", 3)],
            Split("try { } catch { }\nfinally { Console.WriteLine(1); }\nif (true) { }\nelse { }"));

    [Fact]
    public void A_fluent_call_on_the_next_line_continues_the_expression() =>
        Assert.Equal([("var s = \"a\"\n    .ToUpper();", 1)], Split("var s = \"a\"\n    .ToUpper();"));

    [Fact]
    public void From_a_top_level_using_declaration_the_rest_is_one_submission() =>
        Assert.Equal([("var a = 1;", 1), ("using var w = new StringWriter();\nw.Write(a);\nConsole.WriteLine(w);", 2)],
            Split("var a = 1;\nusing var w = new StringWriter();\nw.Write(a);\nConsole.WriteLine(w);"));

    [Fact]
    public void Help_lines_and_magics_are_recognised() =>
        Assert.Equal([("#help", 1), ("#!time\nvar x = 1;", 2)], Split("#help\n#!time\nvar x = 1;"));
}
