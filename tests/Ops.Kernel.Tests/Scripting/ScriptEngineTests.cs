using System.Diagnostics;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Tests.Scripting;

public class ScriptEngineTests
{
    private static async Task<ExecutionResult> Run(ScriptEngine engine, string code, RecordingHost? host = null, CancellationToken token = default) =>
        await engine.ExecuteAsync(code, host ?? new RecordingHost(), token);

    private static string Describe(ExecutionResult r) =>
        $"{r.Status}: {r.Value?.PlainText} {r.Error?.Name}: {r.Error?.Message}\n{string.Join("\n", r.Error?.Traceback ?? Array.Empty<string>())}";

    [Fact]
    public async Task State_is_carried_across_submissions()
    {
        using var engine = new ScriptEngine();
        Assert.Equal(ExecutionStatus.Ok, (await Run(engine, "var x = 20;")).Status);
        var result = await Run(engine, "x + 22");
        Assert.Equal("42", result.Value?.PlainText);
    }

    [Fact]
    public async Task The_warm_up_leaves_nothing_a_user_can_see()
    {
        using var engine = new ScriptEngine();
        await engine.Ready;
        Assert.Empty(engine.Variables);
        Assert.Equal(0, engine.ExecutionCount);
        var host = new RecordingHost();
        var result = await Run(engine, "1", host);
        Assert.Equal("1", result.Value?.PlainText);
        Assert.Empty(host.Events);
        Assert.Equal(1, engine.ExecutionCount);
    }

    [Fact]
    public async Task A_statement_cell_has_no_value_and_an_expression_cell_does()
    {
        using var engine = new ScriptEngine();
        Assert.Null((await Run(engine, "var s = \"a\";")).Value);
        Assert.Equal("null", (await Run(engine, "string? n = null; n")).Value?.PlainText);
    }

    [Fact]
    public async Task Compile_errors_report_every_error_with_cell_line_and_column_and_keep_state()
    {
        using var engine = new ScriptEngine();
        await Run(engine, "var kept = 1;");
        var result = await Run(engine, "var a = 1;\nvar b = undefinedThing;\n  int c = \"text\";");
        Assert.Equal(ExecutionStatus.Error, result.Status);
        Assert.Equal("CompilationError", result.Error!.Name);
        Assert.Equal(2, result.Error.Traceback.Count);
        Assert.StartsWith("(2,9): error CS0103", result.Error.Traceback[0]);
        Assert.StartsWith("(3,11): error CS0029", result.Error.Traceback[1]);
        Assert.Equal("1", (await Run(engine, "kept")).Value?.PlainText);
        Assert.Contains("a", (await Run(engine, "#!who")).Status == ExecutionStatus.Ok ? "a" : "");
    }

    [Fact]
    public async Task Runtime_exception_shows_type_message_and_cell_lines_only()
    {
        using var engine = new ScriptEngine();
        var result = await Run(engine, "int Fail(int n)\n{\n  throw new InvalidOperationException(\"boom\");\n}\nvar y = 1;\nFail(y);");
        Assert.Equal(ExecutionStatus.Error, result.Status);
        Assert.Equal("InvalidOperationException", result.Error!.Name);
        Assert.Equal("boom", result.Error.Message);
        Assert.Equal("System.InvalidOperationException: boom", result.Error.Traceback[0]);
        Assert.Contains(result.Error.Traceback, l => l.Contains("Fail in cell line 3"));
        Assert.Contains(result.Error.Traceback, l => l.Trim() == "at cell line 6");
        Assert.DoesNotContain(result.Error.Traceback, l => l.Contains("Microsoft.CodeAnalysis"));
        Assert.DoesNotContain(result.Error.Traceback, l => l.Contains("System.Runtime.CompilerServices"));
    }

    [Fact]
    public async Task Variables_defined_before_a_throw_survive()
    {
        using var engine = new ScriptEngine();
        await Run(engine, "var before = 5; throw new Exception(\"x\");");
        Assert.Equal("5", (await Run(engine, "before")).Value?.PlainText);
    }

    [Fact]
    public async Task Console_streams_keep_their_order_and_survive_a_throw()
    {
        using var engine = new ScriptEngine();
        var host = new RecordingHost();
        var result = await Run(engine, "Console.WriteLine(\"one\"); Console.Error.WriteLine(\"two\"); Console.Write(\"three\"); throw new Exception(\"x\");", host);
        Assert.Equal(ExecutionStatus.Error, result.Status);
        var streams = host.Events.Where(e => e.Kind is "stdout" or "stderr").ToList();
        Assert.Equal(new[] { ("stdout", "one\n"), ("stderr", "two\n"), ("stdout", "three") }, streams);
    }

    [Fact]
    public async Task Partial_lines_reach_the_host_while_the_cell_still_runs()
    {
        using var engine = new ScriptEngine();
        var host = new RecordingHost();
        var release = Path.Combine(Path.GetTempPath(), "ops-release-" + Guid.NewGuid().ToString("N"));
        var run = Run(engine, $"Console.Write(\"tick\"); while (!File.Exists(@\"{release}\")) await Task.Delay(20);", host);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (host.Stdout != "tick" && DateTime.UtcNow < until && !run.IsCompleted) await Task.Delay(20);
        Assert.False(run.IsCompleted);
        Assert.Equal("tick", host.Stdout);
        File.WriteAllText(release, "");
        Assert.Equal(ExecutionStatus.Ok, (await run).Status);
        File.Delete(release);
    }

    [Fact]
    public async Task Interrupting_an_infinite_loop_stops_it_and_keeps_the_session()
    {
        using var engine = new ScriptEngine();
        await Run(engine, "var survivor = 7;");
        using var cts = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        var run = Run(engine, "while (true) { }", token: cts.Token);
        await Task.Delay(300);
        cts.Cancel();
        var result = await run;
        var stoppedAfter = watch.Elapsed - TimeSpan.FromMilliseconds(300);
        Assert.Equal(ExecutionStatus.Cancelled, result.Status);
        Assert.Equal("OperationCanceledException", result.Error!.Name);
        Assert.True(stoppedAfter < TimeSpan.FromSeconds(1), $"took {stoppedAfter}");
        Assert.Equal("8", (await Run(engine, "survivor + 1")).Value?.PlainText);
    }

    [Theory]
    [InlineData("for (;;) ;")]
    [InlineData("do { } while (true);")]
    [InlineData("foreach (var i in Enumerable.Range(0, int.MaxValue)) { }")]
    [InlineData("Enumerable.Range(0, int.MaxValue).Select(i => i * 2).Count()")]
    [InlineData("void Spin() { while (true) ; } Spin();")]
    [InlineData("Action a = () => { while (true) { } }; a();")]
    public async Task Every_loop_and_lambda_form_is_interruptible(string code)
    {
        using var engine = new ScriptEngine();
        using var cts = new CancellationTokenSource(300);
        var result = await Run(engine, code, token: cts.Token);
        Assert.True(result.Status == ExecutionStatus.Cancelled, Describe(result));
        Assert.Equal("OperationCanceledException", result.Error!.Name);
    }

    [Fact]
    public async Task Rewriting_keeps_void_and_typed_expression_lambdas_compiling()
    {
        using var engine = new ScriptEngine();
        var result = await Run(engine, "Action a = () => Console.WriteLine(); Func<object?> f = () => null; Func<int, int> g = x => x + 1;\nFunc<double> d = () => 1; g(d() > 0 ? 1 : 0)");
        Assert.Equal(ExecutionStatus.Ok, result.Status);
        Assert.Equal("2", result.Value?.PlainText);
    }

    [Fact]
    public async Task Time_magic_reports_wall_and_cpu_time_after_the_output()
    {
        using var engine = new ScriptEngine();
        var host = new RecordingHost();
        await Run(engine, "#!time\nConsole.WriteLine(\"work\");", host);
        Assert.Matches(@"^work\nWall time: [0-9.]+ ms, CPU time: [0-9.]+ ms\n$", host.Stdout);
    }

    [Fact]
    public async Task Who_magic_lists_variables_with_types()
    {
        using var engine = new ScriptEngine();
        await Run(engine, "var count = 3; var name = \"wlc1\";");
        var host = new RecordingHost();
        await Run(engine, "#!who", host);
        var shown = host.Events.Single(e => e.Kind.StartsWith("display:")).Text;
        Assert.Contains("| count | int    | 3     |", shown);
        Assert.Contains("| name  | string | wlc1  |", shown);
    }

    [Fact]
    public async Task Unknown_magic_is_an_error_naming_it()
    {
        using var engine = new ScriptEngine();
        var result = await Run(engine, "#!nope\n1");
        Assert.Equal(ExecutionStatus.Error, result.Status);
        Assert.Contains("#!nope", result.Error!.Message);
    }

    [Fact]
    public async Task Display_goes_to_the_host_and_update_replaces_it()
    {
        using var engine = new ScriptEngine();
        var host = new RecordingHost();
        await Run(engine, "var h = display(\"first\"); h.Update(\"second\");", host);
        var display = host.Events.Single(e => e.Kind.StartsWith("display:"));
        var update = host.Events.Single(e => e.Kind.StartsWith("update:"));
        Assert.Equal("first", display.Text);
        Assert.Equal("second", update.Text);
        Assert.Equal(display.Kind["display:".Length..], update.Kind["update:".Length..]);
    }

    [Fact]
    public async Task Console_ReadLine_and_Input_ask_the_host()
    {
        using var engine = new ScriptEngine();
        var host = new RecordingHost();
        host.Inputs.Enqueue("typed");
        host.Inputs.Enqueue("again");
        var result = await Run(engine, "Console.ReadLine() + \"/\" + Input(\"name? \")", host);
        Assert.Equal("typed/again", result.Value?.PlainText);
        Assert.Contains(("input", "name? "), host.Events);
    }

    [Fact]
    public async Task Input_without_a_stdin_is_a_clear_error()
    {
        using var engine = new ScriptEngine();
        var result = await Run(engine, "Input(\"x\")", new RecordingHost { AllowInput = false });
        Assert.Equal("InputNotAllowedException", result.Error!.Name);
    }

    [Fact]
    public async Task Load_and_r_resolve_relative_to_the_working_directory()
    {
        var dir = Directory.CreateTempSubdirectory("ops-engine-").FullName;
        File.WriteAllText(Path.Combine(dir, "helpers.csx"), "int Triple(int x) => 3 * x;");
        using var engine = new ScriptEngine(new EngineOptions { WorkingDirectory = dir });
        await Run(engine, "#load \"helpers.csx\"");
        Assert.Equal("21", (await Run(engine, "Triple(7)")).Value?.PlainText);
        var lib = typeof(Ops.Display.Table).Assembly.Location;
        Assert.Equal(ExecutionStatus.Ok, (await Run(engine, $"#r \"{lib}\"\n1")).Status);
    }

    [Theory]
    [InlineData("new Uri(\"https://search-logs.ap-northeast-1.es.amazonaws.com/_cat/health\").Host", "search-logs.ap-northeast-1.es.amazonaws.com")]
    [InlineData("System.Xml.Linq.XElement.Parse(\"<a>1</a>\").Value", "1")]
    [InlineData("Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(new byte[0]))[..8]", "E3B0C442")]
    [InlineData("System.Text.RegularExpressions.Regex.Match(\"AP12\", @\"\\d+\").Value", "12")]
    [InlineData("dynamic d = new System.Dynamic.ExpandoObject(); d.x = 41; d.x + 1", "42")]
    [InlineData("record R(int X); System.Text.Json.JsonSerializer.Serialize(new R(4))", "{\"X\":4}")]
    public async Task Common_framework_types_are_referenced(string code, string expected)
    {
        using var engine = new ScriptEngine();
        var result = await Run(engine, code);
        Assert.True(result.Status == ExecutionStatus.Ok, Describe(result));
        Assert.Equal(expected, result.Value?.PlainText);
    }

    [Fact]
    public async Task Ops_library_namespaces_are_imported()
    {
        using var engine = new ScriptEngine();
        var result = await Run(engine, "new Table(\"a\").AddRow(1)");
        Assert.Equal("| a |\n| 1 |", result.Value?.PlainText);
    }
}
