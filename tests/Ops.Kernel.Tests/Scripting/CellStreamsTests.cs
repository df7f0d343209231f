using Ops.Kernel.Jupyter;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Tests.Scripting;

/// <summary>Console output of a cell: coalesced into few bounded messages, in order with displays and clears.</summary>
public class CellStreamsTests
{
    [Fact]
    public async Task A_hundred_thousand_lines_arrive_complete_in_order_in_a_few_bounded_messages()
    {
        using var engine = new ScriptEngine();
        var host = new RecordingHost();
        var result = await engine.ExecuteAsync("for (var i = 0; i < 100_000; i++) Console.WriteLine($\"line {i}\"); 42", host);
        Assert.Equal(ExecutionStatus.Ok, result.Status);
        Assert.Equal("42", result.Value?.PlainText);
        var messages = host.Events.Where(e => e.Kind == "stdout").Select(e => e.Text).ToList();
        var lines = string.Concat(messages).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(100_000, lines.Length);
        Assert.Equal(Enumerable.Range(0, 100_000).Select(i => $"line {i}"), lines);
        // About 1.2 MB of text: some 20 full messages plus the interval flushes, never one per line.
        Assert.InRange(messages.Count, 1, 500);
        Assert.All(messages, m => Assert.InRange(m.Length, 1, CellStreams.MaxMessageChars));
        // A full buffer is cut at a line end, so no line is split across two messages.
        Assert.All(messages.SkipLast(1), m => Assert.EndsWith("\n", m));
    }

    [Fact]
    public async Task Displays_and_clears_keep_their_place_among_buffered_console_text()
    {
        using var engine = new ScriptEngine();
        var host = new RecordingHost();
        var result = await engine.ExecuteAsync(
            "Console.Write(\"a\\n\"); display(1); Console.Write(\"b\\n\"); Console.Clear(); Console.Write(\"c\\n\"); ClearOutput(wait: true); Console.Write(\"d\\n\");", host);
        Assert.Equal(ExecutionStatus.Ok, result.Status);
        Assert.Equal(["stdout:a\n", "display:1", "stdout:b\n", "clear:now", "stdout:c\n", "clear:wait", "stdout:d\n"],
            host.Events.Select(e => (e.Kind.StartsWith("display:", StringComparison.Ordinal) ? "display" : e.Kind) + ":" + e.Text));
    }

    [Fact]
    public async Task Console_Clear_inside_a_method_declared_in_a_cell_clears_too()
    {
        using var engine = new ScriptEngine();
        var host = new RecordingHost();
        var result = await engine.ExecuteAsync("static class Screen { public static void Wipe() => System.Console.Clear(); }\nScreen.Wipe();", host);
        Assert.Equal(ExecutionStatus.Ok, result.Status);
        Assert.Equal([("clear", "now")], host.Events);
    }

    [Fact]
    public async Task Kernel_log_lines_written_on_a_cell_thread_never_reach_the_cell_output()
    {
        // The kernel logs on the cell's own thread too (a publish that finds a subscriber stalled logs the drop
        // right there), where Console.Error is the cell's captured stderr. The host's input callback runs there.
        using var engine = new ScriptEngine();
        var host = new RecordingHost { OnInput = () => KernelLog.Write("subscriber is too slow (kernel-log-marker)") };
        host.Inputs.Enqueue("answer");
        var result = await engine.ExecuteAsync("Console.Error.WriteLine(\"from the cell\"); Input(\"q\");", host);
        Assert.Equal(ExecutionStatus.Ok, result.Status);
        Assert.Equal("from the cell\n", host.Stderr);
        Assert.DoesNotContain("kernel-log-marker", host.Stdout);
    }
}
