using Ops.Kernel.Scripting;

namespace Ops.Kernel.Tests.Scripting;

public class UsingDeclarationsTests
{
    private const string Resource =
        "class Res(string name) : IDisposable, IAsyncDisposable { public bool Disposed; " +
        "public void Dispose() { Disposed = true; Console.WriteLine(\"dispose \" + name); } " +
        "public ValueTask DisposeAsync() { Disposed = true; Console.WriteLine(\"dispose async \" + name); return ValueTask.CompletedTask; } }";

    private static async Task<(ExecutionResult Result, RecordingHost Host)> Run(ScriptEngine engine, string code)
    {
        var host = new RecordingHost();
        return (await engine.ExecuteAsync(code, host), host);
    }

    [Fact]
    public async Task A_top_level_using_var_is_disposed_when_the_cell_ends()
    {
        using var engine = new ScriptEngine();
        var (result, _) = await Run(engine, "using var ms = new MemoryStream();\nms.WriteByte(7);\nms.Length");
        Assert.True(result.Status == ExecutionStatus.Ok, result.Error?.Message);
        Assert.Equal("1", result.Value?.PlainText);
        // The variable stays in the session, disposed.
        Assert.Equal("False", (await Run(engine, "ms.CanRead")).Result.Value?.PlainText, ignoreCase: true);
    }

    [Fact]
    public async Task Resources_are_disposed_in_reverse_order_even_when_the_cell_throws()
    {
        using var engine = new ScriptEngine();
        await Run(engine, Resource);
        var (result, host) = await Run(engine, "using var a = new Res(\"a\");\nusing Res b = new(\"b\"), c = new(\"c\");\nthrow new InvalidOperationException(\"boom\");");
        Assert.Equal(ExecutionStatus.Error, result.Status);
        Assert.Equal("boom", result.Error!.Message);
        Assert.Equal("dispose c\ndispose b\ndispose a\n", host.Stdout);
    }

    [Fact]
    public async Task Await_using_disposes_asynchronously()
    {
        using var engine = new ScriptEngine();
        await Run(engine, Resource);
        var (result, host) = await Run(engine, "await using var r = new Res(\"r\");\nr.Disposed");
        Assert.Equal("false", result.Value?.PlainText, ignoreCase: true);
        Assert.Equal("dispose async r\n", host.Stdout);
        Assert.Equal("true", (await Run(engine, "r.Disposed")).Result.Value?.PlainText, ignoreCase: true);
    }

    [Fact]
    public async Task Errors_on_a_using_line_keep_their_cell_line_and_column()
    {
        using var engine = new ScriptEngine();
        var (result, _) = await Run(engine, "var a = 1;\nusing var ms = new MemoryStream(undefinedThing);\nmissing++;");
        Assert.Equal("CompilationError", result.Error!.Name);
        Assert.Equal(2, result.Error.Traceback.Count);
        Assert.StartsWith("(2,33): error CS0103", result.Error.Traceback[0]);
        Assert.StartsWith("(3,1): error CS0103", result.Error.Traceback[1]);
    }

    [Fact]
    public async Task A_value_that_is_not_disposable_is_a_compile_error()
    {
        using var engine = new ScriptEngine();
        var (result, _) = await Run(engine, "using var n = 42;");
        Assert.Equal("CompilationError", result.Error!.Name);
        Assert.Contains("IDisposable", result.Error.Message);
    }

    [Fact]
    public async Task Using_inside_a_block_and_the_using_statement_are_left_alone()
    {
        using var engine = new ScriptEngine();
        await Run(engine, Resource);
        var (result, host) = await Run(engine, "{ using var x = new Res(\"x\"); }\nusing (var y = new Res(\"y\")) { }\nConsole.WriteLine(\"end\");");
        Assert.True(result.Status == ExecutionStatus.Ok, result.Error?.Message);
        Assert.Equal("dispose x\ndispose y\nend\n", host.Stdout);
    }
}
