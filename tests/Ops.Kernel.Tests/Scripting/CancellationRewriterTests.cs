using Ops.Kernel.Scripting;

namespace Ops.Kernel.Tests.Scripting;

/// <summary>Loops of every form the compiler accepts stop on interrupt, well within the stuck grace period.</summary>
public class CancellationRewriterTests
{
    [Theory]
    [InlineData("var g = 0; top: g++; goto top;")]
    [InlineData("again: try { while (true) { } } catch { } goto again;")]
    [InlineData("again: try { for (;;) { } } catch (OperationCanceledException) { } goto again;")]
    [InlineData("var n = 0; switch (n) { case 0: n++; goto case 1; case 1: n--; goto case 0; }")]
    [InlineData("void Spin() { try { while (true) { } } catch { Spin(); } } Spin();")]
    [InlineData("int Compute(int x) => x + 1; Enumerable.Repeat(1, int.MaxValue).Select(Compute).Select(Compute).Count()")]
    [InlineData("Enumerable.Repeat(-1, int.MaxValue).Select(Math.Abs).Select(Math.Abs).Sum(x => (long)x)")]
    [InlineData("Enumerable.Repeat(\"a\", int.MaxValue).Select(string.IsNullOrEmpty).Where(Convert.ToBoolean).Any()")]
    [InlineData("bool Never(int x) => x < 0; Enumerable.Repeat(1, int.MaxValue).Any(Never)")]
    public async Task Stops_on_interrupt(string code)
    {
        using var engine = new ScriptEngine();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var result = await engine.ExecuteAsync(code, new RecordingHost(), cts.Token);
        Assert.True(result.Status == ExecutionStatus.Cancelled && result.Error?.Name == "OperationCanceledException",
            $"{result.Status} {result.Error?.Name}: {result.Error?.Message}");
        Assert.Equal(0, ScriptEngine.AbandonedRunning);
    }

    [Fact]
    public async Task Rewritten_expression_bodies_and_method_groups_keep_their_values()
    {
        using var engine = new ScriptEngine();
        var result = await engine.ExecuteAsync(
            "int Twice(int x) => x * 2;\nvoid Log(string s) => Console.Write(s);\nasync Task Later() => await Task.Delay(1);\n" +
            "async Task<int> Value() => await Task.FromResult(3);\nawait Later(); Log(\"x\");\n" +
            "new[] { 1, 2 }.Select(Twice).Sum() + await Value() + \"abc\".Count(char.IsLetter) + new List<int> { 4 }.Where(i => i > 0).Count()",
            new RecordingHost());
        Assert.True(result.Status == ExecutionStatus.Ok, result.Error?.Message);
        Assert.Equal("13", result.Value?.PlainText);
    }

    [Fact]
    public async Task Errors_keep_the_cell_line_after_rewriting()
    {
        using var engine = new ScriptEngine();
        var result = await engine.ExecuteAsync("int F(int x) => x;\nvar n = 0;\ntop: if (n++ < 2) goto top;\nthrow new Exception(\"boom\");", new RecordingHost());
        Assert.Equal(ExecutionStatus.Error, result.Status);
        Assert.Contains(result.Error!.Traceback, l => l.Trim() == "at cell line 4");
    }
}
