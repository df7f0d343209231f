using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Ops.MySql;
using Ops.Testing;

namespace Ops.Tests.MySql;

/// <summary>One mariadbd (64 MB packets allowed) for the tests of <see cref="MySqlSession"/>; started on first use.</summary>
public sealed class MariaDbForSessions : IDisposable
{
    private readonly Lazy<MariaDbServer> _server = new(() =>
    {
        var server = MariaDbServer.Start(31, ["--max-allowed-packet=64M"]);
        server.Sql("CREATE DATABASE t");
        return server;
    });

    public MariaDbServer Server => _server.Value;

    public MySqlSettings Settings => new()
    {
        Host = "127.0.0.1", Port = Server.Port, User = "root", Database = "t",
        ConnectTimeout = TimeSpan.FromSeconds(5), HandshakeTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>The bytes <c>mariadb --batch --raw --skip-column-names</c> prints for the SQL (one value per line for one-cell SELECTs).</summary>
    public byte[] ClientOutput(string sql)
    {
        var psi = new ProcessStartInfo(Peer.Find("mariadb") ?? "mariadb") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--no-defaults", "--default-character-set=utf8mb4", "-S", Server.Socket, "-uroot", "-Dt", "--batch", "--raw", "--skip-column-names", "-e", sql })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        using var output = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(output);
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(20_000)) { p.Kill(true); throw new TimeoutException("mariadb did not finish within 20 s"); }
        copy.Wait();
        if (p.ExitCode != 0) throw new InvalidOperationException("mariadb failed: " + error.Result);
        return output.ToArray();
    }

    public void Dispose()
    {
        if (_server.IsValueCreated) _server.Value.Dispose();
    }
}

public class MySqlSessionTests(MariaDbForSessions db) : IClassFixture<MariaDbForSessions>
{
    private const string Table = """
        CREATE TABLE every_type (
          id INT PRIMARY KEY, ti TINYINT, ti1 TINYINT(1), usi SMALLINT UNSIGNED, mi MEDIUMINT, bi BIGINT, ubi BIGINT UNSIGNED,
          de DECIMAL(12,4), fl FLOAT, du DOUBLE, b64 BIT(64), b3 BIT(3), ch CHAR(10), vc VARCHAR(50), tx TEXT, c36 CHAR(36),
          bn BINARY(4), vb VARBINARY(16), bl BLOB, d DATE, dt DATETIME, dt6 DATETIME(6), ts TIMESTAMP NULL, tm TIME, tm3 TIME(3),
          yr YEAR, en ENUM('a','b'), st SET('x','y'), js JSON) CHARSET utf8mb4;
        SET SESSION sql_mode='';
        INSERT INTO every_type VALUES
          (1, -128, 5, 65535, -8388608, -9223372036854775808, 18446744073709551615, 12.5, 3.25, -0.125, b'1000000000000000000000000000000000000000000000000000000000000001', b'101',
           'padded', 'café 😀', 'line\nbreak\ttab', 'c56a4180-65aa-42ec-a945-5fd21dec0538',
           X'00FF0A09', X'DEADBEEF0D0A', X'000102FEFF', '2024-02-29', '2024-02-29 23:59:58', '2024-02-29 23:59:58.123456', '2024-03-01 00:00:01',
           '-838:59:59', '12:34:56.789', 2024, 'b', 'x,y', '{"k": [1, 2]}'),
          (2, 0, 0, 0, 0, 0, 0, 0, 0, 0, b'0', b'0', '', '', '', '', X'00000000', X'', X'', '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00.000000',
           '0000-00-00 00:00:00', '00:00:00', '00:00:00.000', 0, '', '', '[]'),
          (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
        """;

    /// <summary>What the mariadb client prints for a typed value: raw bytes for binary, big-endian bytes for BIT, the text form otherwise.</summary>
    private static byte[] ClientBytes(object? value, MySqlColumn column, int bitWidth) => value switch
    {
        null => "NULL"u8.ToArray(),
        byte[] raw => raw,
        ulong bits when column.TypeName == "BIT" => BitConverter.GetBytes(bits).Reverse().Skip(8 - (bitWidth + 7) / 8).ToArray(),
        _ => Encoding.UTF8.GetBytes(MySqlValueText.Format(value, column)!),
    };

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Every_common_type_equals_the_mariadb_client_value_by_value()
    {
        await using var session = await MySqlSession.OpenAsync(db.Settings);
        await session.QueryAsync("DROP TABLE IF EXISTS every_type; " + Table);
        var result = await session.QueryAsync("SELECT * FROM every_type ORDER BY id");
        Assert.Equal(3, result.Rows.Count);
        Assert.Equal(29, result.Columns.Count);

        // Types as a notebook sees them.
        var first = result.Rows[0];
        Assert.Equal(new byte[] { 0x00, 0xFF, 0x0A, 0x09 }, first[result.Ordinal("bn")]);
        Assert.Equal(Convert.FromHexString("DEADBEEF0D0A"), first[result.Ordinal("vb")]);
        Assert.Equal(Convert.FromHexString("000102FEFF"), first[result.Ordinal("bl")]);
        Assert.Equal(0x8000000000000001UL, first[result.Ordinal("b64")]);
        Assert.Equal(18446744073709551615UL, first[result.Ordinal("ubi")]);
        Assert.Equal((sbyte)5, first[result.Ordinal("ti1")]); // TINYINT(1) stays a number
        Assert.Equal("c56a4180-65aa-42ec-a945-5fd21dec0538", first[result.Ordinal("c36")]); // CHAR(36) stays text
        Assert.Equal(new DateTime(2024, 2, 29, 23, 59, 58).AddTicks(1234560), first[result.Ordinal("dt6")]);
        Assert.Equal(-new TimeSpan(838, 59, 59), first[result.Ordinal("tm")]);
        Assert.IsType<MySqlConnector.MySqlDateTime>(result.Rows[1][result.Ordinal("d")]); // a zero date is kept, not an error
        Assert.All(result.Rows[2].Skip(1), Assert.Null);

        // Value by value against the client: one single-cell SELECT per value, outputs concatenated.
        var cells = new List<(int Id, MySqlColumn Column, byte[] Expected)>();
        var widths = new Dictionary<string, int> { ["b64"] = 64, ["b3"] = 3 };
        for (var r = 0; r < result.Rows.Count; r++)
            for (var c = 1; c < result.Columns.Count; c++)
                cells.Add((r + 1, result.Columns[c], ClientBytes(result.Rows[r][c], result.Columns[c], widths.GetValueOrDefault(result.Columns[c].Name))));
        var output = db.ClientOutput(string.Concat(cells.Select(x => $"SELECT `{x.Column.Name}` FROM every_type WHERE id={x.Id};")));
        var offset = 0;
        foreach (var (id, column, expected) in cells)
        {
            var actual = output.AsSpan(offset, Math.Min(expected.Length + 1, output.Length - offset)).ToArray();
            Assert.True(actual.AsSpan().SequenceEqual([.. expected, (byte)'\n']),
                $"row {id} column {column.Name} ({column.TypeName}): ours {Convert.ToHexString(expected)} ({MySqlValueText.Format(result.Rows[id - 1][result.Ordinal(column.Name)], column)}), " +
                $"mariadb {Convert.ToHexString(output, offset, Math.Min(40, output.Length - offset))}");
            offset += expected.Length + 1;
        }
        Assert.Equal(output.Length, offset);
    }

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task A_hundred_thousand_rows_stream_past_the_command_timeout_without_timing_out()
    {
        await using var session = await MySqlSession.OpenAsync(db.Settings);
        var all = await session.QueryAsync("SELECT seq FROM seq_1_to_100000", TimeSpan.FromSeconds(1));
        Assert.Equal(100_000, all.Rows.Count);
        Assert.Equal(5_000_050_000UL, all.Rows.Aggregate(0UL, (sum, r) => sum + (ulong)r[0]!));

        // Streaming with a slow reader: 1.5 s in all, 1 s timeout; the limit is per wait, not per result.
        var clock = Stopwatch.StartNew();
        var (count, total) = (0, 0UL);
        await foreach (var row in session.StreamAsync("SELECT seq FROM seq_1_to_100000", TimeSpan.FromSeconds(1)))
        {
            if (++count % 10_000 == 0) await Task.Delay(150);
            total += (ulong)row[0]!;
        }
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(1.4), $"took only {clock.Elapsed}");
        Assert.Equal((100_000, 5_000_050_000UL), (count, total));
        Assert.True(session.IsUsable);
    }

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task A_statement_that_stays_silent_longer_than_its_timeout_is_a_timeout()
    {
        await using var session = await MySqlSession.OpenAsync(db.Settings);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<MySqlException>(() => session.QueryAsync("SELECT SLEEP(5)", TimeSpan.FromSeconds(1)));
        Assert.Equal(MySqlErrorKind.Timeout, error.Kind);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4.5), $"took {clock.Elapsed}");
        Assert.Contains($"127.0.0.1:{db.Server.Port}", error.Message);
    }

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Values_over_16_MB_cross_packet_boundaries_both_ways()
    {
        await using var session = await MySqlSession.OpenAsync(db.Settings);
        var big = (await session.QueryAsync("SELECT UNHEX(REPEAT('00FF', 9 * 1024 * 1024)) AS b")).Scalar() as byte[];
        Assert.Equal(18 * 1024 * 1024, big!.Length);
        Assert.True(big.AsSpan(0, 4).SequenceEqual(new byte[] { 0, 0xFF, 0, 0xFF }) && big[^1] == 0xFF && big[^2] == 0);

        var sent = RandomNumberGenerator.GetBytes(17 * 1024 * 1024);
        await session.QueryAsync("CREATE TABLE IF NOT EXISTS blobs (id INT PRIMARY KEY, v LONGBLOB); DELETE FROM blobs");
        var insert = await session.QueryAsync("INSERT INTO blobs VALUES (1, @v)", new Dictionary<string, object?> { ["v"] = sent });
        Assert.Equal(1, insert.AffectedRows);
        var back = await session.QueryAsync("SELECT v, LENGTH(v), SHA2(v, 256) FROM blobs");
        Assert.Equal(sent, back.Rows[0][0]);
        Assert.Equal((ulong)sent.Length, Convert.ToUInt64(back.Rows[0][1]));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(sent)), back.Rows[0][2]);
    }

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task A_connection_killed_from_another_session_is_a_clear_reset()
    {
        await using var victim = await MySqlSession.OpenAsync(db.Settings);
        await using var admin = await MySqlSession.OpenAsync(db.Settings);
        var running = victim.QueryAsync("SELECT SLEEP(20)", TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        await admin.QueryAsync($"KILL CONNECTION {victim.ConnectionId}");
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<MySqlException>(() => running);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(MySqlErrorKind.Reset, error.Kind);
        Assert.Contains("killed or lost", error.Message);
        Assert.Contains($"127.0.0.1:{db.Server.Port}", error.Message);
        Assert.False(victim.IsUsable);
        var again = await Assert.ThrowsAsync<MySqlException>(() => victim.QueryAsync("SELECT 1"));
        Assert.Contains("open a new session", again.Message);
        Assert.Equal(1L, Convert.ToInt64((await admin.QueryAsync("SELECT 1")).Scalar()));
    }

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Several_statements_give_every_result_set_and_the_rows_changed()
    {
        await using var session = await MySqlSession.OpenAsync(db.Settings);
        var result = await session.QueryAsync(
            "CREATE TEMPORARY TABLE m (v INT); INSERT INTO m VALUES (1),(2),(3); SELECT v FROM m ORDER BY v; UPDATE m SET v=v*10 WHERE v>1; SELECT SUM(v) AS s, 'two' AS w FROM m");
        Assert.Equal(2, result.ResultSets.Count);
        Assert.Equal([1, 2, 3], result.ResultSets[0].Rows.Select(r => (int)r[0]!));
        Assert.Equal(["s", "w"], result.ResultSets[1].Columns.Select(c => c.Name));
        Assert.Equal("51", result.ResultSets[1].Text(0, "s"));
        Assert.Equal(5, result.AffectedRows); // 3 inserted + 2 updated
        var shown = result.ToMimeBundle();
        Assert.Contains("result 2", shown.PlainText);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(shown.Get("text/html")!, "<table"));
    }

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Call_of_a_procedure_returns_its_result_sets()
    {
        await using var session = await MySqlSession.OpenAsync(db.Settings);
        await session.QueryAsync("DROP PROCEDURE IF EXISTS twice; CREATE PROCEDURE twice(IN n INT, IN label VARCHAR(20)) BEGIN SELECT n AS n, label AS label; SELECT n * 2 AS doubled; END");
        var result = await session.CallAsync("twice", 21, "<b>x</b>");
        Assert.Equal(2, result.ResultSets.Count);
        Assert.Equal("21", result.ResultSets[0].Text(0, "n"));
        Assert.Equal("<b>x</b>", result.ResultSets[0].Text(0, "label"));
        Assert.Equal("42", result.ResultSets[1].Text(0, "doubled"));
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", result.ToMimeBundle().Get("text/html"));

        var missing = await Assert.ThrowsAsync<MySqlException>(() => session.CallAsync("no_such_procedure"));
        Assert.Equal((MySqlErrorKind.Server, 1305), (missing.Kind, missing.Code!.Value));
    }

    [PeerFact("mariadbd", "mariadb-install-db", "mariadb")]
    public async Task Binary_values_display_as_hex_in_tables()
    {
        await using var session = await MySqlSession.OpenAsync(db.Settings);
        var table = (await session.QueryAsync("SELECT X'00FF' AS raw, NULL AS nothing, 7 AS n")).ToMimeBundle();
        Assert.Contains("0x00FF", table.PlainText);
        Assert.Contains("NULL", table.PlainText);
        Assert.DoesNotContain("\uFFFD", table.PlainText);
    }
}
