using Ops.MySql;
using Ops.MySql.Protocol;
using Ops.Testing;

namespace Ops.Tests.MySql.Protocol;

/// <summary>The failover probe's own connection against the real MariaDB pair: phases timed, auth switch, TLS.</summary>
[Collection(MariaDbCollection.Name)]
public class ProbeConnectionMariaDbTests(MariaDbPair pair)
{
    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Native_password_login_times_every_phase_and_reads_text_values()
    {
        var writable = pair.A.Sql("SELECT @@global.read_only") == "0" ? pair.A : pair.B;
        await using var session = await ProbeConnection.OpenAsync(pair.Settings(writable));
        Assert.True(session.IsMariaDb);
        Assert.StartsWith("10.11.", session.ServerVersion);
        Assert.Equal("mysql_native_password", session.AuthPlugin);
        Assert.NotNull(session.Timings.Connect);
        Assert.True(session.Timings.Handshake > TimeSpan.Zero);
        Assert.True(session.Timings.Authentication > TimeSpan.Zero);

        var result = await session.QueryAsync("SELECT col, NULL AS nothing, 'caf\u00e9' AS word, UNHEX('FF00FE') AS raw FROM test");
        Assert.Single(result.Rows);
        Assert.True(long.Parse(result.Text(0, 0)!) > 1_500_000_000);
        Assert.Null(result.Rows[0][1]);
        Assert.Equal("caf\u00e9", result.Text(0, 2));
        Assert.Equal(new byte[] { 0xFF, 0x00, 0xFE }, result.Rows[0][3]); // bytes kept, not U+FFFD
    }

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Wrong_password_is_access_denied_1045()
    {
        var ex = await Assert.ThrowsAsync<MySqlException>(() => ProbeConnection.OpenAsync(pair.Settings(pair.A, password: "not-the-password")));
        Assert.Equal(MySqlErrorKind.AccessDenied, ex.Kind);
        Assert.Equal(1045, ex.Code);
        Assert.Equal("28000", ex.SqlState);
        Assert.DoesNotContain("not-the-password", ex.Message);
    }

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Mariadb_answers_an_unknown_first_plugin_with_auth_switch_to_native()
    {
        await using var session = await ProbeConnection.OpenAsync(pair.Settings(pair.A) with { InitialAuthPlugin = "caching_sha2_password" });
        Assert.Equal("mysql_native_password", session.AuthPlugin);
        Assert.Equal("1", (await session.QueryAsync("SELECT 1")).Text(0, 0));
    }

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Tls_session_negotiates_before_login()
    {
        var settings = pair.Settings(pair.A) with
        {
            Tls = TlsMode.Required,
            ServerCertificateValidation = (_, _, _, _) => true, // throwaway self-signed test certificate
        };
        await using var session = await ProbeConnection.OpenAsync(settings);
        Assert.True(session.IsTls);
        var version = (await session.QueryAsync("SHOW SESSION STATUS LIKE 'Ssl_version'")).Text(0, 1);
        Assert.StartsWith("TLSv1", version);
    }
}
