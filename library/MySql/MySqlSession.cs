using System.Data;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Driver = MySqlConnector;

namespace Ops.MySql;

/// <summary>
/// SQL against MySQL, MariaDB or Aurora for notebooks and helpers, through MySqlConnector: typed
/// values (<c>byte[]</c> for binary columns, <c>ulong</c> for BIT, zero dates kept), several
/// statements or a procedure's result sets in one call, TLS, and a timeout per command. Failures
/// are <see cref="MySqlException"/>s with a <see cref="MySqlErrorKind"/>. One command at a time.
/// </summary>
public sealed class MySqlSession : IAsyncDisposable, IDisposable
{
    private readonly Driver.MySqlConnection _connection;
    private readonly MySqlSettings _settings;

    private MySqlSession(Driver.MySqlConnection connection, MySqlSettings settings, IPEndPoint[] endpoints)
    {
        _connection = connection;
        _settings = settings;
        ResolvedAddresses = endpoints.Select(e => e.Address).ToArray();
    }

    public string Endpoint => _settings.Endpoint;
    public IReadOnlyList<IPAddress> ResolvedAddresses { get; }
    /// <summary>The server's version without MariaDB's <c>5.5.5-</c> compatibility prefix.</summary>
    public string ServerVersion => _connection.ServerVersion is var v && v.StartsWith("5.5.5-", StringComparison.Ordinal) ? v[6..] : v;
    public bool IsMariaDb => ServerVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
    /// <summary>The server's id for this connection (<c>CONNECTION_ID()</c>, what KILL takes).</summary>
    public int ConnectionId => _connection.ServerThread;
    /// <summary>False once the connection broke (killed, reset, timed out): open a new session.</summary>
    public bool IsUsable => _connection.State == ConnectionState.Open;
    /// <summary>The MySqlConnector connection, for ADO.NET code (transactions, bulk copy, Dapper).</summary>
    public Driver.MySqlConnection Connection => _connection;

    /// <summary>Resolves the host (the same resolver as the failover probe), connects, negotiates TLS when asked and logs in.</summary>
    public static async Task<MySqlSession> OpenAsync(MySqlSettings settings, CancellationToken cancellationToken = default)
    {
        cancellationToken = Cancellation.Or(cancellationToken);
        var endpoints = await EndpointResolver.ResolveAsync(settings, cancellationToken).ConfigureAwait(false);
        var connection = new Driver.MySqlConnection(ConnectionString(settings, endpoints));
        if (settings.Tls != TlsMode.None)
            connection.RemoteCertificateValidationCallback = settings.ServerCertificateValidation ?? SystemValidation(settings.Host);
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(settings.ConnectTimeout + settings.HandshakeTimeout);
            try
            {
                await connection.OpenAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new MySqlException(MySqlErrorKind.Timeout,
                    $"open: no session within {(settings.ConnectTimeout + settings.HandshakeTimeout).TotalMilliseconds:0} ms (connect and handshake timeouts)", settings.Endpoint);
            }
            return new MySqlSession(connection, settings, endpoints);
        }
        catch (Exception e) when (e is not MySqlException and not OperationCanceledException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw MySqlErrors.From(e, "open", settings.Endpoint);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Blocking <see cref="OpenAsync"/> for cells and scripts.</summary>
    public static MySqlSession Open(MySqlSettings settings) => OpenAsync(settings).GetAwaiter().GetResult();

    public Task<MySqlResult> QueryAsync(string sql, CancellationToken cancellationToken = default) =>
        QueryAsync(sql, parameters: null, timeout: null, cancellationToken);

    public Task<MySqlResult> QueryAsync(string sql, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        QueryAsync(sql, parameters: null, timeout, cancellationToken);

    /// <summary>
    /// Runs one or more statements (separated by <c>;</c>) and reads every result set. Parameters are
    /// named <c>@name</c> in the SQL. The timeout (default <see cref="MySqlSettings.CommandTimeout"/>)
    /// limits each wait for the server, so a long result that keeps streaming is not cut off.
    /// </summary>
    public async Task<MySqlResult> QueryAsync(string sql, IReadOnlyDictionary<string, object?>? parameters, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken = Cancellation.Or(cancellationToken);
        var clock = Stopwatch.StartNew();
        var sets = new List<MySqlResultSet>();
        long affected;
        await using var command = Command(sql, parameters, timeout);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            do
            {
                if (reader.FieldCount == 0) continue;
                var columns = Columns(reader);
                var rows = new List<object?[]>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    rows.Add(Values(reader, columns.Count));
                sets.Add(new MySqlResultSet(columns, rows));
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
            affected = reader.RecordsAffected;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw MySqlErrors.From(e, "query", Endpoint);
        }
        return new MySqlResult(sets, affected, clock.Elapsed);
    }

    /// <summary>Blocking <see cref="QueryAsync(string, IReadOnlyDictionary{string, object?}?, TimeSpan?, CancellationToken)"/> for cells.</summary>
    public MySqlResult Query(string sql, TimeSpan? timeout = null) => QueryAsync(sql, parameters: null, timeout).GetAwaiter().GetResult();

    /// <summary>
    /// Streams the rows of one SELECT without keeping them (millions of rows, constant memory). The
    /// timeout limits each wait for the server, as in <see cref="QueryAsync(string, CancellationToken)"/>.
    /// </summary>
    public async IAsyncEnumerable<object?[]> StreamAsync(string sql, TimeSpan? timeout = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken = Cancellation.Or(cancellationToken);
        await using var command = Command(sql, null, timeout);
        Driver.MySqlDataReader reader;
        try { reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false); }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested) { throw MySqlErrors.From(e, "query", Endpoint); }
        await using (reader)
        {
            var count = reader.FieldCount;
            while (true)
            {
                object?[] row;
                try
                {
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) yield break;
                    row = Values(reader, count);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested) { throw MySqlErrors.From(e, "query", Endpoint); }
                yield return row;
            }
        }
    }

    /// <summary>
    /// Calls a stored procedure with positional arguments (<c>CALL name(?, ...)</c>, values sent as
    /// parameters) and returns every result set it produced.
    /// </summary>
    public Task<MySqlResult> CallAsync(string procedure, IReadOnlyList<object?> arguments, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var names = arguments.Select((_, i) => "@p" + i).ToArray();
        var parameters = arguments.Select((value, i) => (names[i], value)).ToDictionary(p => p.Item1, p => p.value);
        return QueryAsync($"CALL {QuoteName(procedure)}({string.Join(", ", names)})", parameters, timeout, cancellationToken);
    }

    public Task<MySqlResult> CallAsync(string procedure, params object?[] arguments) => CallAsync(procedure, (IReadOnlyList<object?>)arguments);

    /// <summary>`name` or `schema`.`name` with backticks doubled.</summary>
    internal static string QuoteName(string name) =>
        string.Join('.', name.Split('.').Select(part => "`" + part.Trim('`').Replace("`", "``") + "`"));

    private Driver.MySqlCommand Command(string sql, IReadOnlyDictionary<string, object?>? parameters, TimeSpan? timeout)
    {
        ObjectDisposedException.ThrowIf(_connection.State == ConnectionState.Closed && _disposed, this);
        if (!IsUsable)
            throw new MySqlException(MySqlErrorKind.Reset, "query: the connection is closed after an earlier failure; open a new session", Endpoint);
        var command = new Driver.MySqlCommand(sql, _connection) { CommandTimeout = Seconds(timeout ?? _settings.CommandTimeout) };
        foreach (var (name, value) in parameters ?? new Dictionary<string, object?>())
            command.Parameters.AddWithValue(name.StartsWith('@') ? name : "@" + name, value ?? DBNull.Value);
        return command;
    }

    private static List<MySqlColumn> Columns(Driver.MySqlDataReader reader)
    {
        var schema = reader.GetColumnSchema();
        return schema.Select((c, i) => new MySqlColumn(
            c.ColumnName,
            reader.GetDataTypeName(i),
            reader.GetFieldType(i),
            c is Driver.MySqlDbColumn { ProviderType: Driver.MySqlDbType.DateTime or Driver.MySqlDbType.Timestamp or Driver.MySqlDbType.Time } ? c.NumericScale ?? 0 : 0)).ToList();
    }

    private static object?[] Values(Driver.MySqlDataReader reader, int count)
    {
        var values = new object?[count];
        for (var i = 0; i < count; i++)
        {
            var v = reader.GetValue(i);
            // AllowZeroDateTime hands back MySqlDateTime for every date; keep it only where DateTime cannot hold the value.
            values[i] = v switch
            {
                DBNull => null,
                Driver.MySqlDateTime { IsValidDateTime: true } d => d.GetDateTime(),
                _ => v,
            };
        }
        return values;
    }

    internal static string ConnectionString(MySqlSettings settings, IPEndPoint[] endpoints) => new Driver.MySqlConnectionStringBuilder
    {
        // Addresses from the shared resolver, tried in order; the name stays for TLS and messages.
        Server = string.Join(',', endpoints.Select(e => e.Address.ToString())),
        Port = (uint)settings.Port,
        LoadBalance = Driver.MySqlLoadBalance.FailOver,
        UserID = settings.User,
        Password = settings.Password,
        Database = settings.Database ?? "",
        SslMode = settings.Tls switch
        {
            TlsMode.None => Driver.MySqlSslMode.None,
            TlsMode.Preferred => Driver.MySqlSslMode.Preferred,
            _ => Driver.MySqlSslMode.Required, // the certificate is checked by the validation callback
        },
        AllowPublicKeyRetrieval = settings.AllowPublicKeyRetrieval,
        ConnectionTimeout = (uint)Seconds(settings.ConnectTimeout),
        DefaultCommandTimeout = (uint)Seconds(settings.CommandTimeout),
        Pooling = false,
        AllowUserVariables = true,
        AllowLoadLocalInfile = false,
        // Faithful values: zero dates kept, CHAR(36) stays text, TINYINT(1) stays a number.
        AllowZeroDateTime = true,
        GuidFormat = Driver.MySqlGuidFormat.None,
        TreatTinyAsBoolean = false,
        ApplicationName = "ops",
    }.ConnectionString;

    /// <summary>Whole seconds for the driver, rounded up, at least 1 (0 would mean "no limit").</summary>
    private static int Seconds(TimeSpan t) => Math.Max(1, (int)Math.Ceiling(t.TotalSeconds));

    /// <summary>
    /// The system's certificate check against the endpoint's name: the driver connects to the resolved
    /// address, so the name is checked here instead of by the TLS stack.
    /// </summary>
    private static RemoteCertificateValidationCallback SystemValidation(string host) => (_, certificate, _, errors) =>
        (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None
        && certificate is not null
        && (IPAddress.TryParse(host.Trim('[', ']'), out _) ? errors == SslPolicyErrors.None : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()).MatchesHostname(host));

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
