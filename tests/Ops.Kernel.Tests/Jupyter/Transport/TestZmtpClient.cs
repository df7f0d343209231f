using System.Net.Sockets;
using System.Text;
using Ops.Kernel.Jupyter.Transport;

namespace Ops.Kernel.Tests.Jupyter.Transport;

/// <summary>A minimal connecting ZMTP peer for tests that should not need Python.</summary>
internal sealed class TestZmtpClient : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private TestZmtpClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _stream.ReadTimeout = 5000;
    }

    public static async Task<TestZmtpClient> ConnectAsync(string endpoint, string socketType, byte[]? identity = null)
    {
        var ep = ZmtpEndpoint.Parse(endpoint);
        var tcp = new TcpClient();
        await tcp.ConnectAsync(ep.Address, ep.Port);
        var client = new TestZmtpClient(tcp);
        await client._stream.WriteAsync(ZmtpGreeting.Build(asServer: false));
        var greeting = new byte[64];
        await client._stream.ReadExactlyAsync(greeting);
        ZmtpGreeting.Validate(greeting);
        var props = new List<KeyValuePair<string, byte[]>> { new("Socket-Type", Encoding.ASCII.GetBytes(socketType)) };
        if (identity is not null) props.Add(new("Identity", identity));
        client.WriteCommand(ZmtpCommand.Ready(props));
        var ready = await client.ReadFrameAsync();
        Assert.True(ready.IsCommand);
        Assert.Equal("READY", ZmtpCommand.Parse(ready.Body).Name);
        return client;
    }

    public NetworkStream Stream => _stream;

    public void WriteCommand(ZmtpCommand command)
    {
        var ms = new MemoryStream();
        ZmtpFrame.Write(ms, command.Encode(), more: false, command: true);
        _stream.Write(ms.ToArray());
    }

    public void Send(params byte[][] frames)
    {
        var ms = new MemoryStream();
        for (var i = 0; i < frames.Length; i++) ZmtpFrame.Write(ms, frames[i], i < frames.Length - 1, false);
        _stream.Write(ms.ToArray());
    }

    public void Send(params string[] frames) => Send(frames.Select(Encoding.UTF8.GetBytes).ToArray());

    public async Task<ZmtpFrame> ReadFrameAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(5));
        return await ZmtpFrame.ReadAsync(_stream, 1 << 24, timeout.Token) ?? throw new EndOfStreamException("server closed");
    }

    public async Task<List<byte[]>> ReceiveAsync(TimeSpan? within = null)
    {
        var frames = new List<byte[]>();
        while (true)
        {
            var f = await ReadFrameAsync(within);
            if (f.IsCommand) continue;
            frames.Add(f.Body);
            if (!f.More) return frames;
        }
    }

    /// <summary>True when the server closed the connection within the timeout.</summary>
    public async Task<bool> ClosedByServerAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[256];
        try
        {
            while (true)
            {
                if (await _stream.ReadAsync(buffer, cts.Token) == 0) return true;
            }
        }
        catch (OperationCanceledException) { return false; }
        catch (IOException) { return true; }
    }

    public void Dispose() => _tcp.Dispose();
}
