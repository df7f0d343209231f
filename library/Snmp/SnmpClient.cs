using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Ops.Snmp;

/// <summary>
/// An SNMP manager for one agent over UDP. Requests may run concurrently: one socket, one receive
/// loop, responses matched to requests by request id (v1/v2c) or msgID (v3). Packets that do not
/// decode, carry another id or community, or fail authentication are counted and dropped.
/// </summary>
public sealed partial class SnmpClient : IAsyncDisposable, IDisposable
{
    private static readonly Oid UsmStats = Oid.Parse("1.3.6.1.6.3.15.1.1");
    private static readonly Oid UnknownEngineIds = UsmStats.Append(4, 0);
    private static readonly Oid NotInTimeWindows = UsmStats.Append(2, 0);

    private readonly ConcurrentDictionary<int, Pending> _pending = new();
    private readonly SemaphoreSlim _openLock = new(1, 1);
    private readonly CancellationTokenSource _life = new();
    private Socket? _socket;
    private Task? _receiveLoop;
    private int _nextId = RandomNumberGenerator.GetInt32(1, 1 << 30);
    private long _salt = RandomNumberGenerator.GetInt32(int.MaxValue);
    private volatile bool _portUnreachable;
    private int _sent, _received, _discarded;
    private string? _lastDiscard;

    // v3 state: keys from passwords are costly (1 MiB of hashing), so computed once per client.
    private EngineState? _engine;
    private byte[]? _authKu, _privKu;

    public SnmpClient(SnmpTarget target)
    {
        Target = target;
        if (target.Retries is < 0 or > 20) throw new ArgumentOutOfRangeException(nameof(target), $"{target}: retries must be 0-20, got {target.Retries}");
        if (target.Timeout <= TimeSpan.Zero || target.Timeout > TimeSpan.FromMinutes(5))
            throw new ArgumentOutOfRangeException(nameof(target), $"{target}: timeout must be between 0 and 5 minutes, got {target.Timeout}");
        if (target.Version == SnmpVersion.V3)
        {
            if (target.Auth == AuthProtocol.None && target.Priv != PrivProtocol.None)
                throw new ArgumentException($"{target}: privacy needs authentication too (authPriv)");
            if (target.Auth != AuthProtocol.None && string.IsNullOrEmpty(target.AuthPassword))
                throw new ArgumentException($"{target}: authentication protocol {target.Auth} set without an authentication password");
            if (target.Priv != PrivProtocol.None && string.IsNullOrEmpty(target.PrivPassword))
                throw new ArgumentException($"{target}: privacy protocol {target.Priv} set without a privacy password");
        }
    }

    public SnmpTarget Target { get; }

    /// <summary>Request PDUs sent, retransmissions included.</summary>
    public int RequestsSent => _sent;
    /// <summary>Responses accepted.</summary>
    public int ResponsesReceived => _received;
    /// <summary>Packets dropped: malformed, unmatched id, wrong community, failed authentication.</summary>
    public int PacketsDiscarded => _discarded;
    /// <summary>Why the last packet was dropped.</summary>
    public string? LastDiscardReason => _lastDiscard;

    public async Task<IReadOnlyList<VarBind>> GetAsync(IEnumerable<Oid> oids, CancellationToken cancellationToken = default) =>
        Checked(await RequestAsync(PduType.GetRequest, oids.Select(o => new VarBind(o)).ToList(), 0, 0, cancellationToken)).VarBinds;

    public async Task<VarBind> GetAsync(Oid oid, CancellationToken cancellationToken = default) =>
        (await GetAsync([oid], cancellationToken))[0];

    public async Task<IReadOnlyList<VarBind>> GetNextAsync(IEnumerable<Oid> oids, CancellationToken cancellationToken = default) =>
        Checked(await RequestAsync(PduType.GetNextRequest, oids.Select(o => new VarBind(o)).ToList(), 0, 0, cancellationToken)).VarBinds;

    public async Task<IReadOnlyList<VarBind>> GetBulkAsync(int nonRepeaters, int maxRepetitions, IEnumerable<Oid> oids, CancellationToken cancellationToken = default)
    {
        if (Target.Version == SnmpVersion.V1) throw new NotSupportedException($"{Target}: GETBULK does not exist in SNMPv1; use GetNextAsync");
        return Checked(await RequestAsync(PduType.GetBulkRequest, oids.Select(o => new VarBind(o)).ToList(), nonRepeaters, maxRepetitions, cancellationToken)).VarBinds;
    }

    public async Task<IReadOnlyList<VarBind>> SetAsync(IEnumerable<VarBind> varBinds, CancellationToken cancellationToken = default) =>
        Checked(await RequestAsync(PduType.SetRequest, varBinds.ToList(), 0, 0, cancellationToken)).VarBinds;

    private Pdu Checked(Pdu response)
    {
        if (response.ErrorStatus == ErrorStatus.NoError) return response;
        var oid = response.ErrorIndex >= 1 && response.ErrorIndex <= response.VarBinds.Count ? response.VarBinds[response.ErrorIndex - 1].Oid : null;
        throw new SnmpErrorException(
            $"{Target}: agent answered {response.ErrorStatus} ({response.ErrorStatusCode})" + (oid is null ? "" : $" for {oid}"),
            response.ErrorStatus, response.ErrorIndex, oid);
    }

    /// <summary>Sends one request (with retries) and returns the response PDU, error-status included.</summary>
    public async Task<Pdu> RequestAsync(PduType type, IReadOnlyList<VarBind> varBinds, int nonRepeaters, int maxRepetitions, CancellationToken cancellationToken = default)
    {
        var ct = Cancellation.Or(cancellationToken);
        await EnsureOpenAsync(ct).ConfigureAwait(false);
        return Target.Version == SnmpVersion.V3
            ? await RequestV3Async(type, varBinds, nonRepeaters, maxRepetitions, ct).ConfigureAwait(false)
            : await RequestCommunityAsync(type, varBinds, nonRepeaters, maxRepetitions, ct).ConfigureAwait(false);
    }

    private int NextId() => Interlocked.Increment(ref _nextId) & 0x7fffffff;

    private async Task<Pdu> RequestCommunityAsync(PduType type, IReadOnlyList<VarBind> varBinds, int nonRep, int maxRep, CancellationToken ct)
    {
        var id = NextId();
        var community = System.Text.Encoding.UTF8.GetBytes(Target.Community);
        var packet = new CommunityMessage(Target.Version, community, new Pdu(type, id, nonRep, maxRep, varBinds)).Encode();
        return await ExchangeAsync(id, packet, (bytes) =>
        {
            if (!CommunityMessage.TryDecode(bytes, out var m, out var error)) return (null, "malformed: " + error);
            if (m.Version != Target.Version) return (null, $"version {m.Version} answer to a {Target.Version} request");
            if (!CryptographicOperations.FixedTimeEquals(m.Community, community)) return (null, "wrong community in response");
            if (m.Pdu.Type != PduType.Response) return (null, $"{m.Pdu.Type} PDU where a Response was expected");
            return (m.Pdu, null);
        }, type, varBinds, ct).ConfigureAwait(false);
    }

    private async Task<Pdu> ExchangeAsync(int id, byte[] packet, Func<byte[], (Pdu?, string?)> accept, PduType type, IReadOnlyList<VarBind> varBinds, CancellationToken ct)
    {
        var pending = new Pending(accept);
        _pending[id] = pending;
        try
        {
            for (var attempt = 0; attempt <= Target.Retries; attempt++)
            {
                ct.ThrowIfCancellationRequested();
                try { await _socket!.SendAsync(packet, SocketFlags.None, ct).ConfigureAwait(false); }
                // A connected UDP socket reports an earlier ICMP port unreachable on the next send; the attempt still waits its timeout.
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused) { _portUnreachable = true; }
                catch (SocketException e) { throw new SnmpException($"{Target}: cannot send: {e.Message}", e); }
                Interlocked.Increment(ref _sent);
                try
                {
                    var pdu = await pending.Result.Task.WaitAsync(Target.Timeout, ct).ConfigureAwait(false);
                    Interlocked.Increment(ref _received);
                    return pdu;
                }
                catch (TimeoutException) { }
            }
        }
        finally { _pending.TryRemove(id, out _); }
        var what = varBinds.Count > 0 ? $"{type} {varBinds[0].Oid}" : type.ToString();
        var hint = _portUnreachable
            ? "ICMP port unreachable came back: nothing listens on that UDP port"
            : Target.Version == SnmpVersion.V3 ? "check address, port, user and passwords" : "check address, port and community (agents ignore a wrong community)";
        throw new SnmpTimeoutException(
            $"{Target}: no response to {what} after {Target.Retries + 1} attempt(s) of {Target.Timeout.TotalSeconds:0.###} s; {hint}" +
            (_lastDiscard is null ? "" : $"; last dropped packet: {_lastDiscard}"));
    }

    private async Task EnsureOpenAsync(CancellationToken ct)
    {
        if (_socket != null) return;
        await _openLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_socket != null) return;
            ObjectDisposedException.ThrowIf(_life.IsCancellationRequested, this);
            IPAddress address;
            if (!IPAddress.TryParse(Target.Host, out address!))
            {
                IPAddress[] all;
                try { all = await Dns.GetHostAddressesAsync(Target.Host, ct).ConfigureAwait(false); }
                catch (SocketException e) { throw new SnmpException($"{Target}: cannot resolve host name {Target.Host}: {e.Message}", e); }
                address = all.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? all.FirstOrDefault()
                          ?? throw new SnmpException($"{Target}: host name {Target.Host} has no address");
            }
            var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            socket.Connect(new IPEndPoint(address, Target.Port));
            _socket = socket;
            _receiveLoop = Task.Run(() => ReceiveLoopAsync(socket));
        }
        finally { _openLock.Release(); }
    }

    private async Task ReceiveLoopAsync(Socket socket)
    {
        var buffer = new byte[65536];
        while (!_life.IsCancellationRequested)
        {
            int n;
            try { n = await socket.ReceiveAsync(buffer, SocketFlags.None, _life.Token).ConfigureAwait(false); }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused) { _portUnreachable = true; continue; }
            catch (SocketException) { continue; }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            Dispatch(buffer.AsSpan(0, n).ToArray());
        }
    }

    private void Dispatch(byte[] packet)
    {
        if (!TryPeekId(packet, out var id, out var error)) { Discard("malformed packet: " + error); return; }
        if (!_pending.TryGetValue(id, out var pending)) { Discard($"no request with id {id} is waiting (late or forged answer)"); return; }
        (Pdu? pdu, string? reason) result;
        try { result = pending.Accept(packet); }
        catch (Exception e) when (e is BerException or CryptographicException or ArgumentException) { result = (null, e.Message); }
        if (result.Item1 is null) Discard(result.Item2 ?? "rejected");
        else pending.Result.TrySetResult(result.Item1);
    }

    private bool TryPeekId(byte[] packet, out int id, out string error)
    {
        id = 0;
        if (Target.Version == SnmpVersion.V3)
        {
            if (!V3Message.TryDecode(packet, out var m, out error)) return false;
            id = m.MessageId;
            return true;
        }
        if (!CommunityMessage.TryDecode(packet, out var c, out error)) return false;
        id = c.Pdu.RequestId;
        return true;
    }

    private void Discard(string reason)
    {
        Interlocked.Increment(ref _discarded);
        _lastDiscard = reason;
    }

    private sealed class Pending(Func<byte[], (Pdu?, string?)> accept)
    {
        public Func<byte[], (Pdu?, string?)> Accept { get; } = accept;
        public TaskCompletionSource<Pdu> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Dispose()
    {
        if (_life.IsCancellationRequested) return;
        _life.Cancel();
        _socket?.Dispose();
        try { _receiveLoop?.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        _life.Dispose();
        _openLock.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
