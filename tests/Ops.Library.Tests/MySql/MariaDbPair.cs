using Ops.MySql;
using Ops.Testing;

namespace Ops.Tests.MySql;

/// <summary>
/// Two MariaDB instances for the failover tests: A is the writer, B replicates from A and runs
/// read-only, like an Aurora writer and its replica. A also serves TLS with a throwaway certificate.
/// Shared by the tests of one class (xunit class fixture); started lazily so skipped tests cost nothing.
/// </summary>
public sealed class MariaDbPair : IDisposable
{
    public const string Database = "aurora_test";
    public const string User = "probe";
    public const string Password = "probe-pw-\u00e9"; // non-ASCII: the scramble hashes UTF-8 bytes

    private readonly Lazy<(MariaDbServer A, MariaDbServer B)> _servers;

    public MariaDbPair() => _servers = new Lazy<(MariaDbServer, MariaDbServer)>(Start);

    public MariaDbServer A => _servers.Value.A;
    public MariaDbServer B => _servers.Value.B;

    private static (MariaDbServer, MariaDbServer) Start()
    {
        var certDir = Path.Combine(Path.GetTempPath(), $"ops-mariadb-tls-{Guid.NewGuid():N}");
        Directory.CreateDirectory(certDir);
        var (cert, key) = SelfSignedCertificate.WritePem(certDir);
        var a = Task.Run(() => MariaDbServer.Start(1, [$"--ssl-cert={cert}", $"--ssl-key={key}"]));
        var b = Task.Run(() => MariaDbServer.Start(2));
        try
        {
            Task.WaitAll(a, b);
        }
        catch
        {
            if (a.IsCompletedSuccessfully) a.Result.Dispose();
            if (b.IsCompletedSuccessfully) b.Result.Dispose();
            try { Directory.Delete(certDir, true); } catch (IOException) { }
            throw;
        }
        var (sa, sb) = (a.Result, b.Result);
        try
        {
            sb.Sql($"CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT={sa.Port}, MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=no; START SLAVE; SET GLOBAL read_only=1;");
            sa.Sql($"CREATE DATABASE {Database}; CREATE TABLE {Database}.test (col int DEFAULT NULL) ENGINE=InnoDB; INSERT INTO {Database}.test VALUES (UNIX_TIMESTAMP());" +
                   $"CREATE USER '{User}'@'%' IDENTIFIED BY '{Password}'; GRANT SELECT, UPDATE ON {Database}.* TO '{User}'@'%';");
            // Wait until B has the schema and the user: replication is asynchronous.
            var until = DateTime.UtcNow.AddSeconds(20);
            while (sb.Sql($"SELECT COUNT(*) FROM mysql.user WHERE user='{User}'") != "1" || sb.Sql($"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='{Database}'") != "1")
            {
                if (DateTime.UtcNow > until) throw new TimeoutException("replica B did not receive the schema within 20 s: " + sb.Sql("SHOW SLAVE STATUS\\G"));
                Thread.Sleep(50);
            }
            return (sa, sb);
        }
        catch
        {
            sa.Dispose();
            sb.Dispose();
            throw;
        }
        finally
        {
            try { Directory.Delete(certDir, true); } catch (IOException) { }
        }
    }

    public MySqlSettings Settings(MariaDbServer server, string? password = null) => new()
    {
        Host = "127.0.0.1",
        Port = server.Port,
        User = User,
        Password = password ?? Password,
        Database = Database,
        // Generous: a loaded 2-core CI machine may stall a handshake; the probe tests measure outages, not these limits.
        ConnectTimeout = TimeSpan.FromSeconds(5),
        HandshakeTimeout = TimeSpan.FromSeconds(10),
        QueryTimeout = TimeSpan.FromSeconds(10),
    };

    public void Dispose()
    {
        if (!_servers.IsValueCreated) return;
        try { _servers.Value.B.Dispose(); } catch (Exception) { }
        try { _servers.Value.A.Dispose(); } catch (Exception) { }
    }
}
