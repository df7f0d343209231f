using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Ops.MySql;
using Ops.MySql.Authentication;
using Ops.MySql.Protocol;
using Ops.MySql.Protocol.Payloads;
using Ops.MySql.Protocol.Serialization;
using static Ops.Tests.MySql.ScriptedServer;

namespace Ops.Tests.MySql;

/// <summary>The whole session against scripted servers: captured MariaDB bytes and MySQL 8 exchanges written from the protocol docs.</summary>
public class SessionReplayTests
{
    private static readonly byte[] Nonce = Enumerable.Range(0x30, 20).Select(i => (byte)i).ToArray();

    private static MySqlSettings Settings(int port, string password = CapturedMariaDb.Password) => new()
    {
        Host = "127.0.0.1", Port = port, User = "probe", Password = password, Database = "aurora_test",
        ConnectTimeout = TimeSpan.FromSeconds(2), HandshakeTimeout = TimeSpan.FromSeconds(5), QueryTimeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task Captured_mariadb_conversation_reads_rows_and_types_the_read_only_error()
    {
        byte[]? login = null;
        byte[]? quit = null;
        using var server = new ScriptedServer(async s =>
        {
            await WriteHex(s, CapturedMariaDb.Greeting);
            login = (await ReadPacket(s)).Payload;
            await WriteHex(s, CapturedMariaDb.LoginOk);
            Assert.Equal("select col, null, 'x' from test", Encoding.UTF8.GetString((await ReadPacket(s)).Payload[1..]));
            await WriteHex(s, CapturedMariaDb.SelectResult);
            await ReadPacket(s); // the update
            await WriteHex(s, CapturedMariaDb.UpdateReadOnlyError);
            quit = (await ReadPacket(s)).Payload;
        });

        await using (var session = await ProbeConnection.OpenAsync(Settings(server.Port) with { DeprecateEof = false }))
        {
            Assert.True(session.IsMariaDb);
            Assert.Equal("10.11.19-MariaDB-0+deb12u1-log", session.ServerVersion);
            Assert.Equal("mysql_native_password", session.AuthPlugin);
            Assert.NotNull(session.Timings.Handshake);

            var result = await session.QueryAsync("select col, null, 'x' from test");
            Assert.Equal(["col", "NULL", "x"], result.Columns);
            Assert.Single(result.Rows);
            Assert.Equal(new string?[] { "1795322342", null, "x" }, new[] { result.Text(0, 0), result.Text(0, 1), result.Text(0, 2) });

            var error = await Assert.ThrowsAsync<MySqlException>(() => session.QueryAsync("update test set col=1"));
            Assert.Equal(MySqlErrorKind.ReadOnly, error.Kind);
            Assert.Equal((1290, "HY000"), (error.Code!.Value, error.SqlState!));
            Assert.Contains($"127.0.0.1:{server.Port}", error.Message);
            Assert.True(session.IsUsable); // a server error leaves the connection usable
        }
        server.Completed();

        var reader = new PayloadReader(login!);
        var caps = (CapabilityFlags)reader.ReadUInt32();
        Assert.False(caps.HasFlag(CapabilityFlags.DeprecateEof));
        reader.Skip(28);
        Assert.Equal("probe", reader.ReadNullTerminatedString());
        Assert.Equal(CapturedMariaDb.ClientAuthResponse, Convert.ToHexStringLower(reader.ReadBytes((int)reader.ReadLengthEncodedInteger())));
        Assert.Equal(new byte[] { 0x01 }, quit);
    }

    [Fact]
    public async Task Deprecate_eof_result_set_ends_with_an_ok_packet()
    {
        CapabilityFlags caps = 0;
        using var server = new ScriptedServer(async s =>
        {
            await WriteHex(s, CapturedMariaDb.Greeting);
            caps = (CapabilityFlags)BitConverter.ToUInt32((await ReadPacket(s)).Payload, 0);
            await WriteHex(s, CapturedMariaDb.LoginOk);
            await ReadPacket(s);
            // The captured result without the EOF after the columns, ended by OK with header 0xFE.
            var packets = PacketCodecTests.Packets(Convert.FromHexString(CapturedMariaDb.SelectResult));
            byte seq = 1;
            foreach (var p in new[] { packets[0], packets[1], packets[2], packets[3], packets[5] }) await WritePacket(s, seq++, p);
            await WritePacket(s, seq, [0xFE, 0x00, 0x00, 0x22, 0x00, 0x01, 0x00]);
            await ReadPacket(s);
        });
        await using (var session = await ProbeConnection.OpenAsync(Settings(server.Port)))
        {
            var result = await session.QueryAsync("select col, null, 'x' from test");
            Assert.Single(result.Rows);
            Assert.Equal(new string?[] { "1795322342", null, "x" }, new[] { result.Text(0, 0), result.Text(0, 1), result.Text(0, 2) });
            Assert.Equal(1, result.Warnings);
        }
        server.Completed();
        Assert.True(caps.HasFlag(CapabilityFlags.DeprecateEof));
    }

    /// <summary>A MySQL 8 greeting announcing caching_sha2_password (built from the HandshakeV10 layout).</summary>
    private static byte[] MySql8Greeting()
    {
        var caps = CapabilityFlags.LongPassword | CapabilityFlags.LongFlag | CapabilityFlags.ConnectWithDb | CapabilityFlags.Protocol41
                   | CapabilityFlags.Transactions | CapabilityFlags.SecureConnection | CapabilityFlags.PluginAuth
                   | CapabilityFlags.PluginAuthLengthEncodedClientData | CapabilityFlags.DeprecateEof;
        return new PayloadWriter().Write(10).WriteNullTerminated("8.0.36").WriteUInt32(42).Write(Nonce.AsSpan(0, 8)).Write(0)
            .WriteUInt16((ushort)caps).Write(255).WriteUInt16(2).WriteUInt16((ushort)((uint)caps >> 16)).Write(21).WriteZeros(10)
            .Write(Nonce.AsSpan(8)).Write(0).WriteNullTerminated("caching_sha2_password").ToArray();
    }

    private static byte[] AuthResponseOf(byte[] login)
    {
        var r = new PayloadReader(login);
        r.Skip(32);
        r.ReadNullTerminatedString();
        return r.ReadBytes((int)r.ReadLengthEncodedInteger()).ToArray();
    }

    private static readonly byte[] Ok = [0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00];

    [Fact]
    public async Task Caching_sha2_fast_path_sends_the_sha256_scramble()
    {
        byte[]? auth = null;
        using var server = new ScriptedServer(async s =>
        {
            await WritePacket(s, 0, MySql8Greeting());
            auth = AuthResponseOf((await ReadPacket(s)).Payload);
            await WritePacket(s, 2, [0x01, CachingSha2Password.FastAuthSuccess]);
            await WritePacket(s, 3, Ok);
            await ReadPacket(s);
        });
        await using (var session = await ProbeConnection.OpenAsync(Settings(server.Port, "secret-pw")))
        {
            Assert.False(session.IsMariaDb);
            Assert.Equal("caching_sha2_password", session.AuthPlugin);
        }
        server.Completed();
        Assert.Equal(CachingSha2Password.Scramble("secret-pw", Nonce), auth);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Caching_sha2_full_authentication_encrypts_with_the_server_key(bool retrieveKey)
    {
        using var rsa = RSA.Create(2048);
        var pem = rsa.ExportSubjectPublicKeyInfoPem();
        byte[]? decrypted = null;
        using var server = new ScriptedServer(async s =>
        {
            await WritePacket(s, 0, MySql8Greeting());
            await ReadPacket(s);
            await WritePacket(s, 2, [0x01, CachingSha2Password.PerformFullAuthentication]);
            byte seq = 3;
            var (_, packet) = await ReadPacket(s);
            if (retrieveKey)
            {
                Assert.Equal(new byte[] { CachingSha2Password.RequestPublicKey }, packet);
                await WritePacket(s, 4, [0x01, .. Encoding.ASCII.GetBytes(pem)]);
                (_, packet) = await ReadPacket(s);
                seq = 6;
            }
            else seq = 4;
            decrypted = rsa.Decrypt(packet, RSAEncryptionPadding.OaepSHA1);
            await WritePacket(s, seq, Ok);
            await ReadPacket(s);
        });
        var settings = retrieveKey
            ? Settings(server.Port, "secret-pw") with { AllowPublicKeyRetrieval = true }
            : Settings(server.Port, "secret-pw") with { ServerRsaPublicKey = pem };
        await using (await ProbeConnection.OpenAsync(settings)) { }
        server.Completed();
        for (var i = 0; i < decrypted!.Length; i++) decrypted[i] ^= Nonce[i % Nonce.Length];
        Assert.Equal("secret-pw\0", Encoding.UTF8.GetString(decrypted));
    }

    [Fact]
    public async Task Caching_sha2_full_authentication_without_tls_or_key_is_refused_with_advice()
    {
        using var server = new ScriptedServer(async s =>
        {
            await WritePacket(s, 0, MySql8Greeting());
            await ReadPacket(s);
            await WritePacket(s, 2, [0x01, CachingSha2Password.PerformFullAuthentication]);
            try { await ReadPacket(s); } catch (EndOfStreamException) { }
        });
        var ex = await Assert.ThrowsAsync<MySqlException>(() => ProbeConnection.OpenAsync(Settings(server.Port, "secret-pw")));
        Assert.Equal(MySqlErrorKind.AccessDenied, ex.Kind);
        Assert.Contains("Tls=Required", ex.Message);
    }

    [Fact]
    public async Task Auth_switch_request_answers_with_the_new_plugin_and_scramble()
    {
        byte[]? switched = null;
        using var server = new ScriptedServer(async s =>
        {
            await WritePacket(s, 0, MySql8Greeting());
            await ReadPacket(s);
            await WritePacket(s, 2, [0xFE, .. Encoding.ASCII.GetBytes("mysql_native_password"), 0, .. Enumerable.Range(1, 20).Select(i => (byte)i), 0]);
            switched = (await ReadPacket(s)).Payload;
            await WritePacket(s, 4, Ok);
            await ReadPacket(s);
        });
        await using (var session = await ProbeConnection.OpenAsync(Settings(server.Port, "secret-pw")))
            Assert.Equal("mysql_native_password", session.AuthPlugin);
        server.Completed();
        Assert.Equal("1e58b73f68d9dafb7b3e186a5419a21c9e153b15", Convert.ToHexStringLower(switched!));
    }

    [Fact]
    public async Task Access_denied_is_typed_with_code_and_sqlstate()
    {
        using var server = new ScriptedServer(async s =>
        {
            await WriteHex(s, CapturedMariaDb.Greeting);
            await ReadPacket(s);
            await WritePacket(s, 2, [0xFF, 0x15, 0x04, (byte)'#', .. Encoding.ASCII.GetBytes("28000Access denied for user 'probe'@'localhost' (using password: YES)")]);
        });
        var ex = await Assert.ThrowsAsync<MySqlException>(() => ProbeConnection.OpenAsync(Settings(server.Port, "wrong")));
        Assert.Equal(MySqlErrorKind.AccessDenied, ex.Kind);
        Assert.Equal((1045, "28000"), (ex.Code!.Value, ex.SqlState!));
    }

    [Fact]
    public async Task Server_that_never_greets_times_out_in_the_handshake()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var ex = await Assert.ThrowsAsync<MySqlException>(() => ProbeConnection.OpenAsync(Settings(port) with { HandshakeTimeout = TimeSpan.FromMilliseconds(200) }));
        Assert.Equal(MySqlErrorKind.Timeout, ex.Kind);
        Assert.Contains("handshake", ex.Message);
    }

    [Fact]
    public async Task Server_closing_mid_handshake_is_a_reset()
    {
        using var server = new ScriptedServer(async s =>
        {
            await WriteHex(s, CapturedMariaDb.Greeting[..20]);
            s.Close();
        });
        var ex = await Assert.ThrowsAsync<MySqlException>(() => ProbeConnection.OpenAsync(Settings(server.Port)));
        Assert.Equal(MySqlErrorKind.Reset, ex.Kind);
    }

    [Fact]
    public async Task Closed_port_is_refused_and_names_the_endpoint()
    {
        var port = Ops.Testing.FreePort.Tcp();
        var ex = await Assert.ThrowsAsync<MySqlException>(() => ProbeConnection.OpenAsync(Settings(port)));
        Assert.Equal(MySqlErrorKind.Refused, ex.Kind);
        Assert.Contains($"127.0.0.1:{port}", ex.Message);
        Assert.Null(ex.Code);
    }

    [Fact]
    public async Task Tls_required_against_a_server_without_tls_fails_before_sending_credentials()
    {
        var sentLogin = false;
        using var server = new ScriptedServer(async s =>
        {
            await WriteHex(s, CapturedMariaDb.Greeting);
            try { await ReadPacket(s); sentLogin = true; } catch (EndOfStreamException) { }
        });
        var ex = await Assert.ThrowsAsync<MySqlException>(() => ProbeConnection.OpenAsync(Settings(server.Port) with { Tls = TlsMode.Required }));
        Assert.Equal(MySqlErrorKind.Tls, ex.Kind);
        server.Completed();
        Assert.False(sentLogin);
    }
}
