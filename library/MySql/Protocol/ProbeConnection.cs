using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Ops.MySql.Authentication;
using Ops.MySql.Protocol.Payloads;
using Ops.MySql.Protocol.Serialization;

namespace Ops.MySql.Protocol;

/// <summary>
/// The failover probe's own connection: the text protocol only, timed phase by phase (connect,
/// handshake, authentication, query), which MySqlConnector does not expose. Everything else goes
/// through <see cref="MySqlSession"/>. Bounded against a hostile server: each command's reply may
/// take <see cref="ReplyBudget"/> bytes, each packet must follow the previous one within the query
/// timeout, values stay bytes. Failures are <see cref="MySqlException"/>s with a <see cref="MySqlErrorKind"/>.
/// Not thread-safe: one command at a time.
/// </summary>
internal sealed class ProbeConnection : IAsyncDisposable, IDisposable
{
    /// <summary>Bytes one reply may take: the probe's statements and the identity row are tiny.</summary>
    public const long ReplyBudget = 1 << 20;

    private readonly MySqlSettings _settings;
    private readonly Socket _socket;
    private readonly PacketChannel _channel;
    private CapabilityFlags _capabilities;
    private bool _broken;
    private bool _disposed;

    private ProbeConnection(MySqlSettings settings, Socket socket, IPEndPoint remote)
    {
        _settings = settings;
        _socket = socket;
        RemoteEndPoint = remote;
        _channel = new PacketChannel(new NetworkStream(socket, ownsSocket: false), ReplyBudget, settings.QueryTimeout);
    }

    public IPEndPoint RemoteEndPoint { get; }
    public IReadOnlyList<IPAddress> ResolvedAddresses { get; private set; } = [];
    public string ServerVersion { get; private set; } = "";
    public bool IsMariaDb { get; private set; }
    public uint ConnectionId { get; private set; }
    public string AuthPlugin { get; private set; } = "";
    public bool IsTls { get; private set; }
    public ProbePhaseTimings Timings { get; private set; } = new();
    private TimeSpan _authenticationStarted;
    /// <summary>False after a timeout, reset or protocol error: the connection must be thrown away.</summary>
    public bool IsUsable => !_broken && !_disposed;

    private string Endpoint => _settings.Endpoint;

    /// <summary>Resolves, connects, negotiates TLS when asked and authenticates.</summary>
    public static async Task<ProbeConnection> OpenAsync(MySqlSettings settings, CancellationToken cancellationToken = default)
    {
        cancellationToken = Cancellation.Or(cancellationToken);
        var clock = Stopwatch.StartNew();
        var endpoints = await EndpointResolver.ResolveAsync(settings, cancellationToken).ConfigureAwait(false);
        var resolve = clock.Elapsed;

        var (socket, remote) = await ConnectAsync(settings, endpoints, cancellationToken).ConfigureAwait(false);
        var connect = clock.Elapsed - resolve;
        var session = new ProbeConnection(settings, socket, remote) { ResolvedAddresses = endpoints.Select(e => e.Address).ToArray() };
        session._authenticationStarted = clock.Elapsed;
        try
        {
            // The handshake marks when authentication starts; the channel's idle timeout also bounds each packet.
            await session.RunPhaseAsync("handshake", settings.HandshakeTimeout, ct => session.HandshakeAsync(clock, ct), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            session.Abort();
            throw;
        }
        session.Timings = new ProbePhaseTimings
        {
            Resolve = settings.ResolvedEndpoints is null ? resolve : null,
            Connect = connect,
            Handshake = session._authenticationStarted - resolve - connect,
            Authentication = clock.Elapsed - session._authenticationStarted,
        };
        return session;
    }

    /// <summary>
    /// Runs one statement (COM_QUERY) and reads its text result set or OK. The query timeout is the
    /// longest silence between two packets, not a limit on the whole result; the caller's token
    /// (the probe's per-attempt deadline) bounds the total.
    /// </summary>
    public async Task<ProbeReply> QueryAsync(string sql, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_broken) throw new MySqlException(MySqlErrorKind.Reset, "query: connection is broken after an earlier failure; open a new connection", Endpoint);
        var clock = Stopwatch.StartNew();
        ProbeReply? result = null;
        await RunPhaseAsync("query", Timeout.InfiniteTimeSpan, async ct => { result = await QueryCoreAsync(sql, ct).ConfigureAwait(false); },
            Cancellation.Or(cancellationToken)).ConfigureAwait(false);
        return result! with { Elapsed = clock.Elapsed };
    }

    private static async Task<(Socket, IPEndPoint)> ConnectAsync(MySqlSettings settings, IPEndPoint[] endpoints, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ConnectTimeout);
        MySqlException? last = null;
        foreach (var endpoint in endpoints)
        {
            var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(endpoint, timeout.Token).ConfigureAwait(false);
                return (socket, endpoint);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                throw new MySqlException(MySqlErrorKind.Timeout,
                    $"connect: no answer from {endpoint} within {settings.ConnectTimeout.TotalMilliseconds:0} ms", settings.Endpoint);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                // Refused, unreachable and reset during connect all mean "nothing answers there now".
                last = new MySqlException(MySqlErrorKind.Refused,
                    $"connect: {endpoint}: {e.SocketErrorCode} ({e.Message}); is the server up and listening on this port?",
                    settings.Endpoint, inner: e);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last ?? new MySqlException(MySqlErrorKind.Dns, "connect: no address to connect to", settings.Endpoint);
    }

    /// <summary>Runs a phase under its timeout and turns transport failures into typed errors.</summary>
    private async Task RunPhaseAsync(string phase, TimeSpan limit, Func<CancellationToken, Task> body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await body(timeout.Token).ConfigureAwait(false);
        }
        catch (MySqlException e)
        {
            if (e.Kind is MySqlErrorKind.Protocol or MySqlErrorKind.Tls or MySqlErrorKind.Reset or MySqlErrorKind.Timeout) _broken = true;
            throw e.WithEndpoint(Endpoint);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _broken = true;
            throw new MySqlException(MySqlErrorKind.Timeout, $"{phase}: no answer within {limit.TotalMilliseconds:0} ms", Endpoint);
        }
        catch (AuthenticationException e)
        {
            _broken = true;
            throw new MySqlException(MySqlErrorKind.Tls, $"{phase}: TLS negotiation failed: {e.Message}", Endpoint, inner: e);
        }
        catch (Exception e) when (e is IOException or SocketException or EndOfStreamException or ObjectDisposedException)
        {
            _broken = true;
            throw new MySqlException(MySqlErrorKind.Reset, $"{phase}: connection lost: {e.Message}", Endpoint, inner: e);
        }
        catch (MySqlProtocolException e)
        {
            _broken = true;
            throw new MySqlException(MySqlErrorKind.Protocol, $"{phase}: {e.Message}", Endpoint, inner: e);
        }
        catch (ReplyTooLargeException e)
        {
            _broken = true;
            throw new MySqlException(MySqlErrorKind.Protocol, $"{phase}: {e.Message}", Endpoint, inner: e);
        }
        catch (IdleTimeoutException e)
        {
            _broken = true;
            throw new MySqlException(MySqlErrorKind.Timeout, $"{phase}: {e.Message}", Endpoint, inner: e);
        }
    }

    private async Task HandshakeAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        var greeting = await _channel.ReadAsync(cancellationToken).ConfigureAwait(false);
        var handshake = InitialHandshakePayload.Read(greeting);
        ServerVersion = handshake.DisplayVersion;
        IsMariaDb = handshake.IsMariaDb;
        ConnectionId = handshake.ConnectionId;

        var wanted = CapabilityFlags.LongPassword | CapabilityFlags.LongFlag | CapabilityFlags.Protocol41
            | CapabilityFlags.Transactions | CapabilityFlags.SecureConnection | CapabilityFlags.PluginAuth
            | CapabilityFlags.PluginAuthLengthEncodedClientData;
        if (_settings.DeprecateEof) wanted |= CapabilityFlags.DeprecateEof;
        if (!string.IsNullOrEmpty(_settings.Database)) wanted |= CapabilityFlags.ConnectWithDb;
        if ((handshake.Capabilities & CapabilityFlags.Protocol41) == 0)
            throw new MySqlProtocolException($"server {handshake.ServerVersion} does not speak protocol 4.1");
        _capabilities = wanted & handshake.Capabilities;
        // MariaDB clears LONG_PASSWORD to mean "I am MariaDB"; we still send it, as MariaDB's own clients do.
        _capabilities |= CapabilityFlags.LongPassword & wanted;

        var offersTls = (handshake.Capabilities & CapabilityFlags.Ssl) != 0;
        if (_settings.Tls == TlsMode.Required && !offersTls)
            throw new MySqlException(MySqlErrorKind.Tls, "handshake: TLS required but the server does not offer it (have_ssl=DISABLED?); configure ssl_cert/ssl_key on the server or use Tls=None");
        if (_settings.Tls != TlsMode.None && offersTls)
        {
            _capabilities |= CapabilityFlags.Ssl;
            await _channel.WriteAsync(SslRequestPayload.Create(_capabilities), cancellationToken).ConfigureAwait(false);
            var ssl = new SslStream(_channel.Stream, leaveInnerStreamOpen: false, _settings.ServerCertificateValidation);
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = _settings.Host,
                EnabledSslProtocols = SslProtocols.None,
            }, cancellationToken).ConfigureAwait(false);
            _channel.Replace(ssl);
            IsTls = true;
        }

        var plugin = _settings.InitialAuthPlugin ?? handshake.AuthPluginName;
        var scramble = handshake.AuthPluginData;
        AuthPlugin = plugin;
        var response = AuthResponse(plugin, scramble);
        _authenticationStarted = clock.Elapsed;
        await _channel.WriteAsync(HandshakeResponse41Payload.Create(_capabilities, _settings.User, response, _settings.Database, plugin), cancellationToken).ConfigureAwait(false);

        while (true)
        {
            var packet = await _channel.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (OkPayload.IsOk(packet)) return;
            if (ErrorPayload.IsError(packet)) throw ErrorPayload.Read(packet).ToException("authentication");
            if (packet.Length > 0 && packet[0] == AuthSwitchRequestPayload.Header)
            {
                var change = AuthSwitchRequestPayload.Read(packet);
                plugin = change.PluginName;
                scramble = change.PluginData;
                AuthPlugin = plugin;
                await _channel.WriteAsync(AuthResponse(plugin, scramble), cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (packet.Length > 0 && packet[0] == AuthMoreDataPayload.Header && plugin == CachingSha2Password.PluginName)
            {
                var more = AuthMoreDataPayload.Read(packet).Data;
                if (more.Length == 1 && more[0] == CachingSha2Password.FastAuthSuccess) continue; // OK follows
                if (more.Length == 1 && more[0] == CachingSha2Password.PerformFullAuthentication)
                {
                    await FullAuthenticationAsync(scramble, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                throw new MySqlProtocolException($"unexpected caching_sha2_password data ({more.Length} bytes)");
            }
            throw new MySqlProtocolException($"unexpected packet 0x{(packet.Length > 0 ? packet[0] : 0):X2} during authentication with {plugin}");
        }
    }

    private async Task FullAuthenticationAsync(byte[] scramble, CancellationToken cancellationToken)
    {
        if (IsTls)
        {
            await _channel.WriteAsync(CachingSha2Password.ClearText(_settings.Password), cancellationToken).ConfigureAwait(false);
            return;
        }
        var key = _settings.ServerRsaPublicKey;
        if (key is null)
        {
            if (!_settings.AllowPublicKeyRetrieval)
                throw new MySqlException(MySqlErrorKind.AccessDenied,
                    "authentication: caching_sha2_password needs full authentication (the server has no cached hash for this user); " +
                    "use Tls=Required, pass the server's RSA key (ServerRsaPublicKey), or set AllowPublicKeyRetrieval");
            await _channel.WriteAsync(new[] { CachingSha2Password.RequestPublicKey }, cancellationToken).ConfigureAwait(false);
            var reply = await _channel.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (ErrorPayload.IsError(reply)) throw ErrorPayload.Read(reply).ToException("authentication");
            key = Encoding.ASCII.GetString(AuthMoreDataPayload.Read(reply).Data);
        }
        await _channel.WriteAsync(CachingSha2Password.Encrypt(_settings.Password, scramble, key), cancellationToken).ConfigureAwait(false);
    }

    private byte[] AuthResponse(string plugin, byte[] scramble) => plugin switch
    {
        NativePassword.PluginName => NativePassword.Scramble(_settings.Password, scramble),
        CachingSha2Password.PluginName => CachingSha2Password.Scramble(_settings.Password, scramble),
        "mysql_clear_password" when IsTls => CachingSha2Password.ClearText(_settings.Password),
        _ => throw new MySqlException(MySqlErrorKind.AccessDenied,
            $"authentication: the server asks for plugin '{plugin}', which this client does not support (mysql_native_password, caching_sha2_password; clear text only over TLS)"),
    };

    private bool DeprecatedEof => (_capabilities & CapabilityFlags.DeprecateEof) != 0;

    private async Task<ProbeReply> QueryCoreAsync(string sql, CancellationToken cancellationToken)
    {
        _channel.ResetSequence();
        await _channel.WriteAsync(CommandPayload.Query(sql), cancellationToken).ConfigureAwait(false);
        var first = await _channel.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (ErrorPayload.IsError(first)) throw ErrorPayload.Read(first).ToException("query");
        if (OkPayload.IsOk(first))
        {
            var ok = OkPayload.Read(first);
            return new ProbeReply([], [], ok.AffectedRows, ok.Warnings, TimeSpan.Zero);
        }
        if (first.Length > 0 && first[0] == 0xFB)
            throw new MySqlProtocolException("server asked for LOCAL INFILE, which this client never enables");

        var count = checked((int)new PayloadReader(first).ReadLengthEncodedInteger());
        var columns = new string[count];
        for (var i = 0; i < count; i++)
            columns[i] = ColumnDefinitionPayload.Read(await _channel.ReadAsync(cancellationToken).ConfigureAwait(false)).Name;
        if (!DeprecatedEof)
        {
            var eof = await _channel.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (!EofPayload.IsEof(eof)) throw new MySqlProtocolException("expected EOF after column definitions");
        }
        var rows = new List<byte[]?[]>();
        ushort warnings = 0;
        while (true)
        {
            var packet = await _channel.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (ErrorPayload.IsError(packet)) throw ErrorPayload.Read(packet).ToException("query");
            if (DeprecatedEof ? OkPayload.IsEofStyleOk(packet) : EofPayload.IsEof(packet))
            {
                warnings = DeprecatedEof ? OkPayload.Read(packet).Warnings : EofPayload.Read(packet).Warnings;
                break;
            }
            rows.Add(TextRowPayload.Read(packet, count));
        }
        return new ProbeReply(columns, rows, 0, warnings, TimeSpan.Zero);
    }

    /// <summary>Closes the socket at once (a deadline passed mid-phase); the connection is unusable after.</summary>
    public void Abort()
    {
        _disposed = true;
        try { _channel.Stream.Dispose(); } catch (IOException) { }
        _socket.Dispose();
    }

    /// <summary>Says COM_QUIT (best effort, 200 ms at most) and closes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        if (!_broken)
        {
            try
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
                _channel.ResetSequence();
                await _channel.WriteAsync(CommandPayload.Quit(), quick.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
        }
        Abort();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
