using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Ops.MySql;
using Ops.MySql.Protocol;
using static Ops.Tests.MySql.ScriptedServer;

namespace Ops.Tests.MySql.Protocol;

/// <summary>
/// The probe connection against a server that logs in normally (captured MariaDB greeting) and
/// then answers the statement with garbage meant to exhaust memory or time. Each case must end
/// within its bound with a typed error, and the client may not allocate much more than its reply budget.
/// </summary>
public class ProbeConnectionHostileServerTests
{
    private static MySqlSettings Settings(int port) => new()
    {
        Host = "127.0.0.1", Port = port, User = "probe", Password = CapturedMariaDb.Password, Database = "aurora_test",
        ConnectTimeout = TimeSpan.FromSeconds(2), HandshakeTimeout = TimeSpan.FromSeconds(5), QueryTimeout = TimeSpan.FromMilliseconds(500),
        DeprecateEof = false, // the scripts end column definitions with EOF
    };

    /// <summary>Logs the client in, reads its statement, then runs <paramref name="answer"/> until the client hangs up or 10 s pass.</summary>
    private static ScriptedServer Hostile(Func<NetworkStream, CancellationToken, Task> answer) => new(async s =>
    {
        await WriteHex(s, CapturedMariaDb.Greeting);
        await ReadPacket(s);
        await WriteHex(s, CapturedMariaDb.LoginOk);
        await ReadPacket(s);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try { await answer(s, bound.Token); }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException) { } // the client hung up: expected
    });

    private static async Task<(MySqlException Error, TimeSpan Elapsed, long Allocated)> QueryAgainst(ScriptedServer server)
    {
        await using var connection = await ProbeConnection.OpenAsync(Settings(server.Port));
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<MySqlException>(() => connection.QueryAsync("SELECT 1"));
        var elapsed = clock.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.False(connection.IsUsable);
        return (error, elapsed, allocated);
    }

    [Fact]
    public async Task Back_to_back_16_MB_packets_are_refused_at_the_first_header()
    {
        var chunk = new byte[1 << 20];
        using var server = Hostile(async (s, ct) =>
        {
            // Headers announcing 16 MiB - 1 (a continued payload), then bytes, for up to 256 MB.
            for (byte seq = 1; seq < 17; seq++)
            {
                await s.WriteAsync(new byte[] { 0xFF, 0xFF, 0xFF, seq }, ct);
                for (var i = 0; i < 16; i++) await s.WriteAsync(chunk, ct);
            }
        });
        var (error, elapsed, allocated) = await QueryAgainst(server);
        Assert.Equal(MySqlErrorKind.Protocol, error.Kind);
        Assert.Contains($"exceeds {ProbeConnection.ReplyBudget} bytes", error.Message);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"took {elapsed}");
        Assert.True(allocated < 4 * ProbeConnection.ReplyBudget, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task An_endless_stream_of_small_rows_stops_at_the_reply_budget()
    {
        using var server = Hostile(async (s, ct) =>
        {
            // One column, then rows of 1000 bytes forever (never an EOF), as fast as the client reads.
            await WritePacket(s, 1, [0x01]);
            await WritePacket(s, 2, Convert.FromHexString(ColumnDefinition));
            await WritePacket(s, 3, [0xFE, 0, 0, 0x02, 0]);
            var row = new byte[] { 0xFC, 0xE8, 0x03 }.Concat(Enumerable.Repeat((byte)'x', 1000)).ToArray();
            for (var seq = 4; !ct.IsCancellationRequested; seq++) await WritePacket(s, (byte)seq, row);
        });
        var (error, elapsed, allocated) = await QueryAgainst(server);
        Assert.Equal(MySqlErrorKind.Protocol, error.Kind);
        Assert.Contains("exceeds", error.Message);
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"took {elapsed}");
        // Counts this process's allocations, the scripted server's writes included; unbounded reading would reach gigabytes.
        Assert.True(allocated < 32 * ProbeConnection.ReplyBudget, $"allocated {allocated} bytes");
    }

    [Fact]
    public async Task A_trickle_slower_than_the_idle_timeout_is_a_timeout_between_packets()
    {
        using var server = Hostile(async (s, ct) =>
        {
            await WritePacket(s, 1, [0x01]);
            await Task.Delay(TimeSpan.FromSeconds(3), ct); // longer than the 500 ms idle timeout
        });
        var (error, elapsed, _) = await QueryAgainst(server);
        Assert.Equal(MySqlErrorKind.Timeout, error.Kind);
        Assert.Contains("no data from the server for 500 ms", error.Message);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public async Task Rows_arriving_steadily_for_longer_than_the_idle_timeout_are_read_whole()
    {
        // 20 rows 100 ms apart: 2 s in all, more than a 1.5 s limit, but never 1.5 s of silence. The wide
        // margin per gap is for loaded CI machines (a 500 ms limit with 100 ms gaps once tripped on a stall).
        using var server = Hostile(async (s, ct) =>
        {
            await WritePacket(s, 1, [0x01]);
            await WritePacket(s, 2, Convert.FromHexString(ColumnDefinition));
            await WritePacket(s, 3, [0xFE, 0, 0, 0x02, 0]);
            byte seq = 4;
            for (var i = 0; i < 20; i++, seq++)
            {
                await WritePacket(s, seq, [0x01, (byte)('a' + i)]);
                await Task.Delay(100, ct);
            }
            await WritePacket(s, seq, [0xFE, 0, 0, 0x02, 0]);
            await ReadPacket(s); // COM_QUIT
        });
        var clock = Stopwatch.StartNew();
        await using var connection = await ProbeConnection.OpenAsync(Settings(server.Port) with { QueryTimeout = TimeSpan.FromSeconds(1.5) });
        var reply = await connection.QueryAsync("SELECT 1");
        Assert.Equal("abcdefghijklmnopqrst", string.Concat(Enumerable.Range(0, reply.Rows.Count).Select(r => reply.Text(r, 0))));
        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(1.5), $"the rows took {clock.Elapsed}, not longer than the limit: the case proves nothing");
    }

    [Fact]
    public async Task A_huge_server_error_text_is_cut_before_it_is_kept()
    {
        var text = new string('e', 500_000);
        using var server = Hostile(async (s, ct) =>
        {
            await WritePacket(s, 1, [0xFF, 0x28, 0x04, (byte)'#', .. "HY000"u8, .. Encoding.UTF8.GetBytes(text)]);
            await ReadPacket(s);
        });
        await using var connection = await ProbeConnection.OpenAsync(Settings(server.Port));
        var error = await Assert.ThrowsAsync<MySqlException>(() => connection.QueryAsync("SELECT 1"));
        Assert.Equal(1064, error.Code);
        Assert.InRange(error.Message.Length, ServerText.MaxBytes, ServerText.MaxBytes + 200);
        Assert.Contains($"({500_000 - ServerText.MaxBytes} more bytes left out)", error.Message);
    }

    /// <summary>A VARCHAR column definition named "v" (catalog def, empty schema/table).</summary>
    private const string ColumnDefinition = "03646566000000017600000c2100ff000000fd0000000000";
}
