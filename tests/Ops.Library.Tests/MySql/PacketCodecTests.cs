using Ops.MySql;
using Ops.MySql.Authentication;
using Ops.MySql.Protocol;
using Ops.MySql.Protocol.Payloads;
using Ops.MySql.Protocol.Serialization;

namespace Ops.Tests.MySql;

public class PacketCodecTests
{
    private static byte[] Payload(string packetHex) => Convert.FromHexString(packetHex)[4..];

    [Fact]
    public void Mariadb_greeting_parses_version_capabilities_and_scramble()
    {
        var hs = InitialHandshakePayload.Read(Payload(CapturedMariaDb.Greeting));

        Assert.Equal(10, hs.ProtocolVersion);
        Assert.Equal("5.5.5-10.11.19-MariaDB-0+deb12u1-log", hs.ServerVersion);
        Assert.Equal("10.11.19-MariaDB-0+deb12u1-log", hs.DisplayVersion);
        Assert.True(hs.IsMariaDb);
        Assert.Equal(7u, hs.ConnectionId);
        Assert.Equal("543e7862624676407a697c587e34266032767d34", Convert.ToHexStringLower(hs.AuthPluginData));
        Assert.Equal("mysql_native_password", hs.AuthPluginName);
        Assert.True(hs.Capabilities.HasFlag(CapabilityFlags.DeprecateEof));
        Assert.True(hs.Capabilities.HasFlag(CapabilityFlags.PluginAuth));
        Assert.False(hs.Capabilities.HasFlag(CapabilityFlags.Ssl)); // have_ssl=DISABLED
        Assert.False(hs.Capabilities.HasFlag(CapabilityFlags.LongPassword)); // CLIENT_MYSQL cleared by MariaDB
        Assert.Equal(0x1Du, hs.MariaDbExtendedCapabilities);
    }

    [Fact]
    public void Native_scramble_matches_what_the_mariadb_client_sent()
    {
        var hs = InitialHandshakePayload.Read(Payload(CapturedMariaDb.Greeting));
        Assert.Equal(CapturedMariaDb.ClientAuthResponse, Convert.ToHexStringLower(NativePassword.Scramble(CapturedMariaDb.Password, hs.AuthPluginData)));
    }

    [Fact]
    public void Handshake_response_places_user_auth_database_and_plugin()
    {
        var auth = Convert.FromHexString(CapturedMariaDb.ClientAuthResponse);
        var caps = CapabilityFlags.Protocol41 | CapabilityFlags.SecureConnection | CapabilityFlags.PluginAuth
                   | CapabilityFlags.PluginAuthLengthEncodedClientData | CapabilityFlags.ConnectWithDb;
        var bytes = HandshakeResponse41Payload.Create(caps, "probe", auth, "aurora_test", "mysql_native_password");
        var reader = new PayloadReader(bytes);
        Assert.Equal((uint)caps, reader.ReadUInt32());
        Assert.Equal(16u * 1024 * 1024, reader.ReadUInt32());
        Assert.Equal(45, reader.ReadByte());
        reader.Skip(23);
        Assert.Equal("probe", reader.ReadNullTerminatedString());
        Assert.Equal(CapturedMariaDb.ClientAuthResponse, Convert.ToHexStringLower(reader.ReadBytes((int)reader.ReadLengthEncodedInteger())));
        Assert.Equal("aurora_test", reader.ReadNullTerminatedString());
        Assert.Equal("mysql_native_password", reader.ReadNullTerminatedString());
        Assert.True(reader.AtEnd);

        // The same fields sit at the same offsets in the real client's login packet.
        var real = new PayloadReader(Payload(CapturedMariaDb.ClientLogin));
        real.Skip(32);
        Assert.Equal("probe", real.ReadNullTerminatedString());
        Assert.Equal(CapturedMariaDb.ClientAuthResponse, Convert.ToHexStringLower(real.ReadBytes((int)real.ReadLengthEncodedInteger())));
        Assert.Equal("aurora_test", real.ReadNullTerminatedString());
        Assert.Equal("mysql_native_password", real.ReadNullTerminatedString());
    }

    [Fact]
    public void Read_only_error_packet_gives_code_sqlstate_and_kind()
    {
        var payload = Payload(CapturedMariaDb.UpdateReadOnlyError);
        Assert.True(ErrorPayload.IsError(payload));
        var error = ErrorPayload.Read(payload);
        Assert.Equal(1290, error.Code);
        Assert.Equal("HY000", error.SqlState);
        Assert.StartsWith("The MariaDB server is running with the --read-only option", error.Message);
        var ex = error.ToException("query", "db:3306");
        Assert.Equal(MySqlErrorKind.ReadOnly, ex.Kind);
        Assert.Equal(1290, ex.Code);
        Assert.Contains("db:3306", ex.Message);
    }

    [Fact]
    public void Login_ok_packet_is_ok_not_eof()
    {
        var payload = Payload(CapturedMariaDb.LoginOk);
        Assert.True(OkPayload.IsOk(payload));
        var ok = OkPayload.Read(payload);
        Assert.Equal(0ul, ok.AffectedRows);
        Assert.Equal(0x4002, ok.StatusFlags); // SERVER_STATUS_AUTOCOMMIT | SERVER_SESSION_STATE_CHANGED
    }

    [Fact]
    public void Captured_column_definition_and_row_with_null_decode()
    {
        // Split the captured result set into packets: count, 3 columns, EOF, row, EOF. The mariadb client
        // asked for MariaDB's CACHE_METADATA and EXTENDED_TYPE_INFO (extended caps 0x1d in its login), so the
        // count carries a "metadata follows" byte and each column an empty type-info string.
        var packets = Packets(Convert.FromHexString(CapturedMariaDb.SelectResult));
        Assert.Equal(7, packets.Count);
        Assert.Equal(3ul, new PayloadReader(packets[0]).ReadLengthEncodedInteger());
        var col = ColumnDefinitionPayload.Read(packets[1], mariaDbExtendedTypeInfo: true);
        Assert.Equal(("aurora_test", "test", "col"), (col.Schema, col.Table, col.Name));
        Assert.Equal(3, col.ColumnType); // MYSQL_TYPE_LONG
        Assert.Equal(11u, col.Length);
        Assert.Equal("NULL", ColumnDefinitionPayload.Read(packets[2], mariaDbExtendedTypeInfo: true).Name);
        Assert.True(EofPayload.IsEof(packets[4]));
        Assert.Equal(new byte[]?[] { "1795322342"u8.ToArray(), null, "x"u8.ToArray() }, TextRowPayload.Read(packets[5], 3));
        Assert.True(EofPayload.IsEof(packets[6]));
        Assert.False(EofPayload.IsEof(packets[5]));
    }

    [Theory]
    [InlineData(0ul, 1)]
    [InlineData(250ul, 1)]
    [InlineData(251ul, 3)]
    [InlineData(65535ul, 3)]
    [InlineData(65536ul, 4)]
    [InlineData(16777215ul, 4)]
    [InlineData(16777216ul, 9)]
    [InlineData(ulong.MaxValue, 9)]
    public void Length_encoded_integers_round_trip_at_boundaries(ulong value, int size)
    {
        var bytes = new PayloadWriter().WriteLengthEncodedInteger(value).ToArray();
        Assert.Equal(size, bytes.Length);
        Assert.Equal(value, new PayloadReader(bytes).ReadLengthEncodedInteger());
    }

    [Fact]
    public void Truncated_payload_names_offset_instead_of_crashing()
    {
        var ex = Assert.Throws<MySqlProtocolException>(() => InitialHandshakePayload.Read(Convert.FromHexString("0a352e3500")));
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public async Task Packet_channel_splits_and_joins_payloads_over_16_MiB()
    {
        var big = new byte[PacketChannel.MaxPacketPayload + 5];
        big[^1] = 0x42;
        var stream = new MemoryStream();
        var writer = new PacketChannel(stream);
        await writer.WriteAsync(big, CancellationToken.None);
        Assert.Equal(big.Length + 8, stream.Length);
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0 }, stream.ToArray()[..4]);
        Assert.Equal(new byte[] { 5, 0, 0, 1 }, stream.ToArray()[(4 + PacketChannel.MaxPacketPayload)..(8 + PacketChannel.MaxPacketPayload)]);

        stream.Position = 0;
        var read = await new PacketChannel(stream).ReadAsync(CancellationToken.None);
        Assert.Equal(big.Length, read.Length);
        Assert.Equal(0x42, read[^1]);
    }

    [Fact]
    public async Task Packet_out_of_sequence_is_a_protocol_error()
    {
        var stream = new MemoryStream(Convert.FromHexString("0100000501"));
        var ex = await Assert.ThrowsAsync<MySqlProtocolException>(() => new PacketChannel(stream).ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains("expected sequence 0, got 5", ex.Message);
    }

    internal static List<byte[]> Packets(byte[] bytes)
    {
        var list = new List<byte[]>();
        for (var i = 0; i < bytes.Length;)
        {
            var length = bytes[i] | bytes[i + 1] << 8 | bytes[i + 2] << 16;
            list.Add(bytes[(i + 4)..(i + 4 + length)]);
            i += 4 + length;
        }
        return list;
    }
}
