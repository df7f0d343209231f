using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Ops.Kernel.Jupyter;
using Ops.Kernel.Jupyter.Protocol;

namespace Ops.Kernel.Tests.Jupyter;

/// <summary>A client's end of in-memory kernel channels: requests go in, replies and iopub messages are recorded.</summary>
internal sealed class FakeChannels
{
    private static readonly byte[] Client = "client-1"u8.ToArray();
    private readonly MessageCodec _client = new(new MessageSigner("key"), "client-session");

    public FakeChannels()
    {
        var kernelCodec = new MessageCodec(new MessageSigner("key"), "kernel-session");
        Channels = new KernelChannels(kernelCodec, Shell, Control, Stdin, Iopub);
    }

    public FakeRequestChannel Shell { get; } = new("shell");
    public FakeRequestChannel Control { get; } = new("control");
    public FakeRequestChannel Stdin { get; } = new("stdin");
    public FakeIopub Iopub { get; } = new();
    public KernelChannels Channels { get; }

    /// <summary>Queues a request on a channel; returns its msg_id.</summary>
    public string Send(FakeRequestChannel channel, string type, JsonObject? content = null)
    {
        var frames = _client.Encode([Client], type, null, content ?? []);
        channel.Incoming.Add(frames);
        return _client.Decode(frames, out _)!.Header.MessageId;
    }

    /// <summary>Waits for the reply to <paramref name="msgId"/> on <paramref name="channel"/>.</summary>
    public Sent Reply(FakeRequestChannel channel, string msgId, int timeoutMs = 30_000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < until)
        {
            var reply = channel.Sent.Select(Read).FirstOrDefault(m => m.ParentId == msgId);
            if (reply is not null) return reply;
            Thread.Sleep(10);
        }
        throw new TimeoutException($"no reply to {msgId} on {channel.Name}");
    }

    /// <summary>The iopub messages whose parent is <paramref name="msgId"/>, once its status idle has been published.</summary>
    public List<Sent> IopubOf(string msgId, int timeoutMs = 30_000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < until)
        {
            var messages = Iopub.Published.Select(Read).Where(m => m.ParentId == msgId).ToList();
            if (messages.Any(m => m.Type == "status" && (string?)m.Content["execution_state"] == "idle")) return messages;
            Thread.Sleep(10);
        }
        throw new TimeoutException($"no idle for {msgId}");
    }

    /// <summary>A message the kernel sent, read from its frames (after the delimiter: signature, header, parent, metadata, content).</summary>
    public sealed record Sent(string Type, string? ParentId, JsonObject Metadata, JsonObject Content);

    private static Sent Read(IReadOnlyList<byte[]> frames)
    {
        var d = frames.ToList().FindIndex(f => f.AsSpan().SequenceEqual(MessageCodec.Delimiter));
        var header = JsonNode.Parse(frames[d + 2])!.AsObject();
        var parent = JsonNode.Parse(frames[d + 3])!.AsObject();
        return new Sent((string)header["msg_type"]!, (string?)parent["msg_id"], JsonNode.Parse(frames[d + 4])!.AsObject(), JsonNode.Parse(frames[d + 5])!.AsObject());
    }
}

internal sealed class FakeRequestChannel(string name) : IRequestChannel
{
    public string Name { get; } = name;
    public BlockingCollection<IReadOnlyList<byte[]>> Incoming { get; } = new();
    public ConcurrentQueue<IReadOnlyList<byte[]>> Sent { get; } = new();

    public ValueTask<IReadOnlyList<byte[]>> ReceiveAsync(CancellationToken cancellationToken) =>
        new(Task.Run(() => Incoming.Take(cancellationToken), CancellationToken.None));

    public bool TryReceive(out IReadOnlyList<byte[]> message) => Incoming.TryTake(out message!);

    public bool Send(IReadOnlyList<byte[]> frames)
    {
        Sent.Enqueue(frames);
        return true;
    }
}

internal sealed class FakeIopub : IPublishChannel
{
    public ConcurrentQueue<IReadOnlyList<byte[]>> Published { get; } = new();

    public bool Publish(IReadOnlyList<byte[]> frames, TimeSpan waitForRoom)
    {
        Published.Enqueue(frames);
        return true;
    }
}
