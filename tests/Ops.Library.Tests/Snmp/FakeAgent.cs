using System.Net;
using System.Net.Sockets;
using Ops.Snmp;

namespace Ops.Tests.Snmp;

/// <summary>A scripted v2c agent on 127.0.0.1 for behaviours a real agent will not show (wrong ids, loops, tooBig).</summary>
internal sealed class FakeAgent : IDisposable
{
    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeAgent(Func<CommunityMessage, IEnumerable<byte[]>> respond)
    {
        Port = ((IPEndPoint)_udp.Client.LocalEndPoint!).Port;
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                UdpReceiveResult r;
                try { r = await _udp.ReceiveAsync(_stop.Token); }
                catch (OperationCanceledException) { return; }
                catch (SocketException) { continue; }
                if (!CommunityMessage.TryDecode(r.Buffer, out var m, out _)) continue;
                Interlocked.Increment(ref _requests);
                foreach (var packet in respond(m)) await _udp.SendAsync(packet, r.RemoteEndPoint);
            }
        });
    }

    private int _requests;
    public int Requests => _requests;
    public int Port { get; }

    public static byte[] Response(CommunityMessage request, IReadOnlyList<VarBind> varBinds, int? requestId = null, string? community = null, ErrorStatus status = ErrorStatus.NoError, int index = 0) =>
        new CommunityMessage(request.Version, community is null ? request.Community : System.Text.Encoding.UTF8.GetBytes(community),
            new Pdu(PduType.Response, requestId ?? request.Pdu.RequestId, (int)status, index, varBinds)).Encode();

    public SnmpClient Client(int timeoutMs = 3000, int retries = 0, SnmpVersion version = SnmpVersion.V2c) =>
        new(new SnmpTarget("127.0.0.1", Port) { Community = "public", Timeout = TimeSpan.FromMilliseconds(timeoutMs), Retries = retries, Version = version });

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        try { _loop.Wait(2000); } catch (AggregateException) { }
    }
}
