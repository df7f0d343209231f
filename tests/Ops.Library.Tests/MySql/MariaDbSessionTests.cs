using Ops.MySql;
using Ops.Testing;

namespace Ops.Tests.MySql;

/// <summary><see cref="MySqlSession"/> (MySqlConnector) against the MariaDB pair: login, typed errors, read-only, TLS.</summary>
[Collection(MariaDbCollection.Name)]
public class MariaDbSessionTests(MariaDbPair pair)
{
    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Login_and_typed_query_against_mariadb()
    {
        // The failover test may have promoted B; take whichever instance is writable now.
        var writable = pair.A.Sql("SELECT @@global.read_only") == "0" ? pair.A : pair.B;
        await using var session = await MySqlSession.OpenAsync(pair.Settings(writable));
        Assert.True(session.IsMariaDb);
        Assert.StartsWith("10.11.", session.ServerVersion);
        Assert.Equal("127.0.0.1", Assert.Single(session.ResolvedAddresses).ToString());

        var result = await session.QueryAsync("SELECT col, NULL AS nothing, 'caf\u00e9' AS word FROM test");
        var row = Assert.Single(result.Rows);
        Assert.True(Assert.IsType<int>(row[0]) > 1_500_000_000);
        Assert.Null(row[1]);
        Assert.Equal("caf\u00e9", row[2]);
        Assert.Equal(["col", "nothing", "word"], result.Columns.Select(c => c.Name));

        var update = await session.QueryAsync("UPDATE test SET col=col+0");
        Assert.Empty(update.ResultSets);
        Assert.Equal(1, update.AffectedRows); // MySqlConnector reports found rows (CLIENT_FOUND_ROWS), also when unchanged
    }

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Wrong_password_is_access_denied_1045()
    {
        var ex = await Assert.ThrowsAsync<MySqlException>(() => MySqlSession.OpenAsync(pair.Settings(pair.A, password: "not-the-password")));
        Assert.Equal(MySqlErrorKind.AccessDenied, ex.Kind);
        Assert.Equal(1045, ex.Code);
        Assert.Equal("28000", ex.SqlState);
        Assert.Contains($"127.0.0.1:{pair.A.Port}", ex.Message);
        Assert.DoesNotContain("not-the-password", ex.Message);
    }

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Update_on_the_read_only_instance_is_error_1290()
    {
        var readOnly = pair.A.Sql("SELECT @@global.read_only") == "1" ? pair.A : pair.B;
        await using var session = await MySqlSession.OpenAsync(pair.Settings(readOnly));
        var ex = await Assert.ThrowsAsync<MySqlException>(() => session.QueryAsync("UPDATE test SET col=UNIX_TIMESTAMP()"));
        Assert.Equal(MySqlErrorKind.ReadOnly, ex.Kind);
        Assert.Equal(1290, ex.Code);
        Assert.Equal("HY000", ex.SqlState);
        Assert.True(session.IsUsable);
        Assert.Single((await session.QueryAsync("SELECT col FROM test")).Rows);
    }

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Tls_session_with_a_trusted_certificate()
    {
        var settings = pair.Settings(pair.A) with
        {
            Tls = TlsMode.Required,
            ServerCertificateValidation = (_, _, _, _) => true, // throwaway self-signed test certificate
        };
        await using var session = await MySqlSession.OpenAsync(settings);
        var version = (await session.QueryAsync("SHOW SESSION STATUS LIKE 'Ssl_version'")).Text(0, "Value");
        Assert.StartsWith("TLSv1", version);
    }

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Tls_with_system_validation_rejects_a_self_signed_server()
    {
        var ex = await Assert.ThrowsAsync<MySqlException>(() => MySqlSession.OpenAsync(pair.Settings(pair.A) with { Tls = TlsMode.Required }));
        Assert.Equal(MySqlErrorKind.Tls, ex.Kind);
    }

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Tls_required_against_a_server_without_tls_fails_before_login()
    {
        var ex = await Assert.ThrowsAsync<MySqlException>(() => MySqlSession.OpenAsync(pair.Settings(pair.B) with { Tls = TlsMode.Required }));
        Assert.True(ex.Kind == MySqlErrorKind.Tls, ex.Kind + ": " + ex.Message + " / " + ex.InnerException?.Message);
    }
}
