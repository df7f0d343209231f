using System.Text.Json.Nodes;
using Ops.Kernel.Jupyter;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Tests.Jupyter;

/// <summary>Dispatch of shell and control requests, in process, through fake channels.</summary>
public sealed class KernelRequestsTests : IDisposable
{
    private readonly FakeChannels _client = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lazy<ScriptEngine> _engine = new(() => new ScriptEngine());
    private readonly KernelRequests _requests;
    private readonly List<bool> _shutdowns = [];

    public KernelRequestsTests()
    {
        _requests = new KernelRequests(_client.Channels, Task.Run(() => _engine.Value), new StdinRequests(_client.Channels));
        _requests.ShutdownRequested += restart => { lock (_shutdowns) _shutdowns.Add(restart); };
        _ = _requests.RunAsync(_stop.Token);
    }

    [Fact]
    public void Kernel_info_is_answered_on_the_channel_it_came_from_between_busy_and_idle()
    {
        foreach (var channel in new[] { _client.Shell, _client.Control })
        {
            var id = _client.Send(channel, "kernel_info_request");
            var reply = _client.Reply(channel, id);
            Assert.Equal("kernel_info_reply", reply.Type);
            Assert.Equal("5.3", (string?)reply.Content["protocol_version"]);
            Assert.Equal(["status", "status"], _client.IopubOf(id).Select(m => m.Type));
            Assert.Equal(["busy", "idle"], _client.IopubOf(id).Select(m => (string?)m.Content["execution_state"]));
        }
        Assert.Single(_client.Shell.Sent);
        Assert.Single(_client.Control.Sent);
    }

    [Theory]
    [InlineData("shell", true)]
    [InlineData("control", false)]
    public void Shutdown_is_handled_once_the_same_way_on_either_channel(string channelName, bool restart)
    {
        var channel = channelName == "shell" ? _client.Shell : _client.Control;
        var id = _client.Send(channel, "shutdown_request", new JsonObject { ["restart"] = restart });
        var reply = _client.Reply(channel, id);
        Assert.Equal("shutdown_reply", reply.Type);
        Assert.Equal(restart, (bool?)reply.Content["restart"]);
        Assert.Contains(_client.IopubOf(id), m => m.Type == "shutdown_reply" && (bool?)m.Content["restart"] == restart);
        lock (_shutdowns) Assert.Equal([restart], _shutdowns);
    }

    [Fact]
    public void Interrupt_with_no_cell_running_replies_ok_and_comm_open_is_closed_at_once()
    {
        var interrupt = _client.Send(_client.Control, "interrupt_request");
        Assert.Equal("ok", (string?)_client.Reply(_client.Control, interrupt).Content["status"]);
        var open = _client.Send(_client.Shell, "comm_open", new JsonObject { ["comm_id"] = "c1", ["target_name"] = "x", ["data"] = new JsonObject() });
        var close = Assert.Single(_client.IopubOf(open), m => m.Type == "comm_close");
        Assert.Equal("c1", (string?)close.Content["comm_id"]);
    }

    [Fact]
    public void An_unknown_request_is_ignored_with_busy_and_idle_and_no_reply()
    {
        var id = _client.Send(_client.Shell, "no_such_request");
        Assert.Equal(["status", "status"], _client.IopubOf(id).Select(m => m.Type));
        Assert.Empty(_client.Shell.Sent);
    }

    [Fact]
    public void After_a_failed_cell_the_queued_execution_is_aborted_without_a_new_execution_count()
    {
        var ok = _client.Send(_client.Shell, "execute_request", new JsonObject { ["code"] = "1 + 1" });
        Assert.Equal(1, (int?)_client.Reply(_client.Shell, ok).Content["execution_count"]);
        var failing = _client.Send(_client.Shell, "execute_request", new JsonObject { ["code"] = "Thread.Sleep(300); throw new Exception(\"x\");" });
        var queued = _client.Send(_client.Shell, "execute_request", new JsonObject { ["code"] = "2 + 2" });
        var error = _client.Reply(_client.Shell, failing);
        Assert.Equal("error", (string?)error.Content["status"]);
        Assert.Equal(2, (int?)error.Content["execution_count"]);
        var aborted = _client.Reply(_client.Shell, queued);
        Assert.Equal("aborted", (string?)aborted.Content["status"]);
        Assert.False(aborted.Content.ContainsKey("execution_count"));
        Assert.Equal("aborted", (string?)aborted.Metadata["status"]);
        Assert.DoesNotContain(_client.IopubOf(queued), m => m.Type == "execute_input");
        var next = _client.Send(_client.Shell, "execute_request", new JsonObject { ["code"] = "3 + 3" });
        Assert.Equal(3, (int?)_client.Reply(_client.Shell, next).Content["execution_count"]);
    }

    [Fact]
    public void Execute_publishes_input_stream_clear_and_result_and_pages_go_in_the_reply_payload()
    {
        var id = _client.Send(_client.Shell, "execute_request",
            new JsonObject { ["code"] = "Console.WriteLine(\"out\"); ClearOutput(); Page(\"help text\"); 6 * 7" });
        var reply = _client.Reply(_client.Shell, id);
        Assert.Equal("ok", (string?)reply.Content["status"]);
        var page = Assert.Single(reply.Content["payload"]!.AsArray())!;
        Assert.Equal("page", (string?)page["source"]);
        Assert.Equal("help text", (string?)page["data"]!["text/plain"]);
        var iopub = _client.IopubOf(id);
        Assert.Equal(["status", "execute_input", "stream", "clear_output", "execute_result", "status"], iopub.Select(m => m.Type));
        Assert.False((bool?)iopub[3].Content["wait"]);
        Assert.Equal("42", (string?)iopub[4].Content["data"]!["text/plain"]);
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_engine.IsValueCreated) _engine.Value.Dispose();
    }
}
