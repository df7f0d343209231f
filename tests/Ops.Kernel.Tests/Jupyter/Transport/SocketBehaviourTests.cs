using System.Net.Sockets;
using System.Text;
using Ops.Kernel.Jupyter.Transport;

namespace Ops.Kernel.Tests.Jupyter.Transport;

public class SocketBehaviourTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    private static async Task<T> Started<T>(T socket) where T : ZmtpSocket
    {
        socket.Start();
        await Task.Yield();
        return socket;
    }

    [Fact]
    public async Task Router_prefixes_identity_and_routes_replies_to_the_right_peer()
    {
        await using var router = await Started(new RouterSocket("tcp://127.0.0.1:0"));
        using var a = await TestZmtpClient.ConnectAsync(router.BoundEndpoint, "DEALER", "alice"u8.ToArray());
        using var b = await TestZmtpClient.ConnectAsync(router.BoundEndpoint, "DEALER");
        a.Send("from-a");
        b.Send("from-b", "part2");
        using var cts = new CancellationTokenSource(Wait);
        var first = await router.ReceiveAsync(cts.Token);
        var second = await router.ReceiveAsync(cts.Token);
        var fromA = first.Count == 2 ? first : second;
        var fromB = first.Count == 3 ? first : second;
        Assert.Equal("alice", Encoding.UTF8.GetString(fromA[0]));
        Assert.Equal(5, fromB[0].Length); // generated routing id, like libzmq
        Assert.Equal(0, fromB[0][0]);

        Assert.True(router.Send([fromB[0], "to-b"u8.ToArray()]));
        Assert.True(router.Send([fromA[0], "to-a"u8.ToArray()]));
        Assert.False(router.Send(["nobody"u8.ToArray(), "x"u8.ToArray()]));
        Assert.Equal("to-b", Encoding.UTF8.GetString((await b.ReceiveAsync())[0]));
        Assert.Equal("to-a", Encoding.UTF8.GetString((await a.ReceiveAsync())[0]));
    }

    [Fact]
    public async Task Second_peer_with_the_same_identity_gets_its_own_route_and_the_first_keeps_its_own()
    {
        await using var router = await Started(new RouterSocket("tcp://127.0.0.1:0"));
        using var first = await TestZmtpClient.ConnectAsync(router.BoundEndpoint, "DEALER", "session-1"u8.ToArray());
        using var cts = new CancellationTokenSource(Wait);
        first.Send("hello-1");
        var fromFirst = await router.ReceiveAsync(cts.Token);
        using (var second = await TestZmtpClient.ConnectAsync(router.BoundEndpoint, "DEALER", "session-1"u8.ToArray()))
        {
            second.Send("hello-2");
            var fromSecond = await router.ReceiveAsync(cts.Token);
            Assert.NotEqual(fromFirst[0], fromSecond[0]);
            Assert.True(router.Send([fromSecond[0], "to-2"u8.ToArray()]));
            Assert.Equal("to-2", Encoding.UTF8.GetString((await second.ReceiveAsync())[0]));
        }
        await Task.Delay(100);
        Assert.True(router.Send([fromFirst[0], "to-1"u8.ToArray()]));
        Assert.Equal("to-1", Encoding.UTF8.GetString((await first.ReceiveAsync())[0]));
    }

    [Fact]
    public async Task Pub_sends_to_every_matching_subscriber_and_honours_cancel()
    {
        await using var pub = await Started(new PublisherSocket("tcp://127.0.0.1:0"));
        using var all = await TestZmtpClient.ConnectAsync(pub.BoundEndpoint, "SUB");
        using var some = await TestZmtpClient.ConnectAsync(pub.BoundEndpoint, "SUB");
        all.Send([[1]]);                                    // ZMTP 3.0 subscribe to everything
        some.WriteCommand(new ZmtpCommand("SUBSCRIBE", "kernel.x"u8.ToArray())); // ZMTP 3.1 command
        await WaitUntil(() => pub.SubscriberCount == 2);

        Assert.Equal(2, pub.Publish(["kernel.x.status"u8.ToArray(), "1"u8.ToArray()]));
        Assert.Equal(1, pub.Publish(["other"u8.ToArray(), "2"u8.ToArray()]));
        Assert.Equal("1", Encoding.UTF8.GetString((await all.ReceiveAsync())[1]));
        Assert.Equal("2", Encoding.UTF8.GetString((await all.ReceiveAsync())[1]));
        Assert.Equal("1", Encoding.UTF8.GetString((await some.ReceiveAsync())[1]));

        some.WriteCommand(new ZmtpCommand("CANCEL", "kernel.x"u8.ToArray()));
        await WaitUntil(() => pub.SubscriberCount == 1);
        Assert.Equal(1, pub.Publish(["kernel.x.status"u8.ToArray(), "3"u8.ToArray()]));
    }

    [Fact]
    public async Task Slow_subscriber_gets_drops_counted_and_never_blocks_publish()
    {
        await using var pub = await Started(new PublisherSocket("tcp://127.0.0.1:0", new TransportOptions { SendQueueLimit = 4 }));
        using var stuck = await TestZmtpClient.ConnectAsync(pub.BoundEndpoint, "SUB");
        stuck.Send([[1]]);
        await WaitUntil(() => pub.SubscriberCount == 1);
        var big = new byte[256 * 1024];
        var started = DateTime.UtcNow;
        for (var i = 0; i < 400; i++) pub.Publish(["t"u8.ToArray(), big]); // 100 MB the peer never reads
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3), "publishing waited on a stuck subscriber");
        Assert.True(pub.Dropped > 0, "a full queue should drop and count");
    }

    [Fact]
    public async Task Echo_returns_each_request_to_its_sender()
    {
        await using var hb = await Started(new EchoSocket("tcp://127.0.0.1:0"));
        using var req = await TestZmtpClient.ConnectAsync(hb.BoundEndpoint, "REQ");
        req.Send([[], "ping"u8.ToArray()]);
        var reply = await req.ReceiveAsync();
        Assert.Equal(2, reply.Count);
        Assert.Empty(reply[0]);
        Assert.Equal("ping", Encoding.UTF8.GetString(reply[1]));
    }

    [Fact]
    public async Task Garbage_greeting_oversized_frame_and_half_message_close_only_that_connection()
    {
        await using var router = await Started(new RouterSocket("tcp://127.0.0.1:0",
            new TransportOptions { MaxFrameBytes = 1024, HandshakeTimeout = TimeSpan.FromSeconds(2) }));
        using var good = await TestZmtpClient.ConnectAsync(router.BoundEndpoint, "DEALER", "good"u8.ToArray());

        var ep = ZmtpEndpoint.Parse(router.BoundEndpoint);
        using (var http = new TcpClient())
        {
            await http.ConnectAsync(ep.Address, ep.Port);
            await http.GetStream().WriteAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());
            Assert.True(await Closed(http.GetStream()));
        }
        using (var big = await TestZmtpClient.ConnectAsync(router.BoundEndpoint, "DEALER"))
        {
            big.Send(new byte[2048]);
            Assert.True(await big.ClosedByServerAsync(Wait));
        }
        using (var wrongType = new TcpClient())
        {
            await wrongType.ConnectAsync(ep.Address, ep.Port);
            await wrongType.GetStream().WriteAsync(ZmtpGreeting.Build(false));
            var ms = new MemoryStream();
            ZmtpFrame.Write(ms, ZmtpCommand.Ready([new("Socket-Type", "PUB"u8.ToArray())]).Encode(), false, true);
            await wrongType.GetStream().WriteAsync(ms.ToArray());
            Assert.True(await Closed(wrongType.GetStream()));
        }
        using (var half = await TestZmtpClient.ConnectAsync(router.BoundEndpoint, "DEALER"))
        {
            var ms = new MemoryStream();
            ZmtpFrame.Write(ms, "first"u8, more: true, command: false);
            ms.Write([0x00, 50, 1, 2, 3]); // a frame that says 50 bytes and stops after 3
            half.Stream.Write(ms.ToArray());
        }

        good.Send("still here");
        using var cts = new CancellationTokenSource(Wait);
        var message = await router.ReceiveAsync(cts.Token);
        Assert.Equal("good", Encoding.UTF8.GetString(message[0]));
        Assert.Equal("still here", Encoding.UTF8.GetString(message[1]));
        Assert.False(router.TryReceive(out _), "the half message must never be delivered");
    }

    [Fact]
    public async Task Silent_connection_is_closed_after_the_handshake_timeout()
    {
        await using var router = await Started(new RouterSocket("tcp://127.0.0.1:0",
            new TransportOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(300) }));
        var ep = ZmtpEndpoint.Parse(router.BoundEndpoint);
        using var idle = new TcpClient();
        await idle.ConnectAsync(ep.Address, ep.Port);
        Assert.True(await Closed(idle.GetStream()));
    }

    [Fact]
    public async Task Ipc_endpoint_binds_a_unix_socket_and_removes_it_on_dispose()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = Path.Combine(Path.GetTempPath(), $"ops-ipc-{Guid.NewGuid():N}");
        var hb = await Started(new EchoSocket("ipc://" + path));
        Assert.True(File.Exists(path));
        using (var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            await unix.ConnectAsync(new UnixDomainSocketEndPoint(path));
            using var stream = new NetworkStream(unix);
            await stream.WriteAsync(ZmtpGreeting.Build(false));
            var greeting = new byte[64];
            await stream.ReadExactlyAsync(greeting);
            Assert.Equal((3, 1), ((int)greeting[10], (int)greeting[11]));
        }
        await hb.DisposeAsync();
        Assert.False(File.Exists(path));
    }

    private static async Task<bool> Closed(NetworkStream stream)
    {
        using var cts = new CancellationTokenSource(Wait);
        var buffer = new byte[128];
        try
        {
            while (await stream.ReadAsync(buffer, cts.Token) > 0) { }
            return true;
        }
        catch (OperationCanceledException) { return false; }
        catch (IOException) { return true; }
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var until = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("condition not met in time");
            await Task.Delay(10);
        }
    }
}
