using System.Net;
using System.Net.Sockets;

namespace Ops.Tests.MySql;

/// <summary>
/// A loopback server that plays back server packets (captured from a real MariaDB, or written from
/// the protocol spec) and records what the client sent, one packet at a time.
/// </summary>
internal sealed class ScriptedServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _run;

    /// <param name="script">Called with the connected stream; uses <see cref="ReadPacket"/> and raw writes.</param>
    public ScriptedServer(Func<NetworkStream, Task> script)
    {
        _listener.Start();
        _run = Task.Run(async () =>
        {
            using var client = await _listener.AcceptTcpClientAsync();
            await script(client.GetStream());
        });
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Waits for the script to finish and rethrows its failure (a client packet it did not expect).</summary>
    public void Completed() => Assert.True(_run.Wait(TimeSpan.FromSeconds(10)), "scripted server did not finish");

    public static async Task<(byte Sequence, byte[] Payload)> ReadPacket(Stream stream)
    {
        var header = new byte[4];
        await stream.ReadExactlyAsync(header);
        var payload = new byte[header[0] | header[1] << 8 | header[2] << 16];
        await stream.ReadExactlyAsync(payload);
        return (header[3], payload);
    }

    public static Task WritePacket(Stream stream, byte sequence, byte[] payload) =>
        stream.WriteAsync((byte[])[(byte)payload.Length, (byte)(payload.Length >> 8), (byte)(payload.Length >> 16), sequence, .. payload]).AsTask();

    public static Task WriteHex(Stream stream, string hex) => stream.WriteAsync(Convert.FromHexString(hex)).AsTask();

    public void Dispose()
    {
        _listener.Stop();
        try { _run.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
