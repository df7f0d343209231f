using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Ops.MySql.Authentication;
using Ops.MySql.Protocol;
using Ops.MySql.Protocol.Payloads;
using Ops.MySql.Protocol.Serialization;

namespace Ops.MySql;

/// <summary>
/// One authenticated MySQL/MariaDB connection speaking the text protocol: enough for probes,
/// checkers and status queries. Every phase has its own timeout and failures are <see cref="MySqlException"/>s
/// with a <see cref="MySqlErrorKind"/>. Not thread-safe: one command at a time.
/// </summary>
public sealed class MySqlSession : IAsyncDisposable, IDisposable
{
    private readonly MySqlSettings _settings;
    private readonly Socket _socket;
    private readonly PacketChannel _channel;
    private CapabilityFlags _capabilities;
    private bool _broken;
    private bool _disposed;

    private MySqlSession(MySqlSettings settings, Socket socket, IPEndPoint remote)
    {
        _settings = settings;
        _socket = socket;
        RemoteEndPoint = remote;
        _channel = new PacketChannel(new NetworkStream(socket, ownsSocket: false));
    }

    public IPEndPoint RemoteEndPoint { get; }
    public IReadOnlyList<IPAddress> ResolvedAddresses { get; private set; } = [];
    public string ServerVersion { get; private set; } = "";
    public bool IsMariaDb { get; private set; }
    public uint ConnectionId { get; private set; }
    public string AuthPlugin { get; private set; } = "";
    public bool IsTls { get; private set; }
    public MySqlPhaseTimings Timings { get; private set; } = new();
    /// <summary>False after a timeout, reset or protocol error: the connection must be thrown away.</summary>
    public bool IsUsable => !_broken && !_disposed;

    private string Endpoint => _settings.Endpoint;

    /// <summary>Resolves, connects, negotiates TLS when asked and authenticates.</summary>
    public static async Task<MySqlSession> OpenAsync(MySqlSettings settings, CancellationToken cancellationToken = default)
    {
        cancellationToken = Cancellation.Or(cancellationToken);
        var clock = Stopwatch.StartNew();
        var endpoints = settings.ResolvedEndpoints ?? await ResolveAsync(settings, cancellationToken).ConfigureAwait(false);
        var resolve = clock.Elapsed;

        var (socket, remote) = await ConnectAsync(settings, endpoints, cancellationToken).ConfigureAwait(false);
        var connect = clock.Elapsed - resolve;
        var session = new MySqlSession(settings, socket, remote) { ResolvedAddresses = endpoints.Select(e => e.Address).ToArray() };
        try
        {
            await session.RunPhaseAsync("handshake", settings.HandshakeTimeout, session.HandshakeAsync, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            session.Abort();
            throw;
        }
        session.Timings = new MySqlPhaseTimings
        {
            Resolve = settings.ResolvedEndpoints is null ? resolve : null,
            Connect = connect,
            Handshake = clock.Elapsed - resolve - connect,
        };
        return session;
    }

    /// <summary>Runs one statement (COM_QUERY) and reads its text result set or OK.</summary>
    public async Task<MySqlResult> QueryAsync(string sql, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_broken) throw new MySqlException(MySqlErrorKind.Reset, "query: connection is broken after an earlier failure; open a new session", Endpoint);
        var clock = Stopwatch.StartNew();
        MySqlResult? result = null;
        await RunPhaseAsync("query", _settings.QueryTimeout, async ct => { result = await QueryCoreAsync(sql, ct).ConfigureAwait(false); },
            Cancellation.Or(cancellationToken)).ConfigureAwait(false);
        return result! with { Elapsed = clock.Elapsed };
    }

    private static async Task<IPEndPoint[]> ResolveAsync(MySqlSettings settings, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(settings.Host.Trim('[', ']'), out var literal)) return [new IPEndPoint(literal, settings.Port)];
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.ConnectTimeout);
            var addresses = await Dns.GetHostAddressesAsync(settings.Host, timeout.Token).ConfigureAwait(false);
            if (addresses.Length == 0) throw new MySqlException(MySqlErrorKind.Dns, $"resolve: {settings.Host} has no addresses", settings.Endpoint);
            return addresses.Select(a => new IPEndPoint(a, settings.Port)).ToArray();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MySqlException(MySqlErrorKind.Timeout, $"resolve: {settings.Host} did not resolve within {settings.ConnectTimeout.TotalMilliseconds:0} ms", settings.Endpoint);
        }
        catch (SocketException e)
        {
            throw new MySqlException(MySqlErrorKind.Dns, $"resolve: {settings.Host}: {e.Message}; check the name and the resolver", settings.Endpoint, inner: e);
        }
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
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
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

    private async Task<MySqlResult> QueryCoreAsync(string sql, CancellationToken cancellationToken)
    {
        _channel.ResetSequence();
        await _channel.WriteAsync(CommandPayload.Query(sql), cancellationToken).ConfigureAwait(false);
        var first = await _channel.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (ErrorPayload.IsError(first)) throw ErrorPayload.Read(first).ToException("query");
        if (OkPayload.IsOk(first))
        {
            var ok = OkPayload.Read(first);
            return new MySqlResult([], [], ok.AffectedRows, ok.Warnings, TimeSpan.Zero);
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
        var rows = new List<string?[]>();
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
        return new MySqlResult(columns, rows, 0, warnings, TimeSpan.Zero);
    }

    private void Abort()
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
