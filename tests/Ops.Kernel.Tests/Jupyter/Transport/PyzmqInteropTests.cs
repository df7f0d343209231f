using System.Text;
using Ops.Kernel.Jupyter.Transport;
using Ops.Testing;

namespace Ops.Kernel.Tests.Jupyter.Transport;

public class PyzmqInteropTests
{
    [PeerFact(PythonModules = ["zmq"])]
    public async Task Libzmq_dealer_sub_and_req_talk_to_our_router_pub_and_echo()
    {
        var log = new List<string>();
        var options = new TransportOptions { Log = m => { lock (log) log.Add(m); } };
        await using var router = new RouterSocket("tcp://127.0.0.1:0", options);
        await using var pub = new PublisherSocket("tcp://127.0.0.1:0", options);
        await using var echo = new EchoSocket("tcp://127.0.0.1:0", options);
        router.Start(); pub.Start(); echo.Start();

        var script = Path.Combine(AppContext.BaseDirectory, "Jupyter", "peer", "zmq_transport_peer.py");
        using var peer = new PeerProcess("/usr/bin/python3", [script, router.BoundEndpoint, pub.BoundEndpoint, echo.BoundEndpoint]);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var request = await router.ReceiveAsync(cts.Token);
        Assert.Equal("py-dealer", Encoding.UTF8.GetString(request[0]));
        Assert.Equal("hello", Encoding.UTF8.GetString(request[1]));
        Assert.Equal(1000, request[2].Length);
        Assert.True(router.Send([request[0], "pong"u8.ToArray(), "2"u8.ToArray()]));

        while (pub.SubscriberCount == 0) await Task.Delay(10, cts.Token);
        pub.Publish(["topic"u8.ToArray(), "news"u8.ToArray()]);

        Assert.True(peer.WaitForOutput("done", TimeSpan.FromSeconds(10)), peer.Output);
        Assert.Contains("echo ping", peer.Output);
        Assert.Contains("reply pong|2", peer.Output);
        Assert.Contains("sub topic|news", peer.Output);
        lock (log) Assert.Empty(log);
    }
}
