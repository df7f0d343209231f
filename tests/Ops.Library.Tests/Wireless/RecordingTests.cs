using Ops.Snmp;
using Ops.Wireless;

namespace Ops.Tests.Wireless;

public sealed class RecordingTests
{
    [Fact]
    public void Snmpwalk_numeric_output_is_read_with_hex_strings_over_two_lines_and_enum_names()
    {
        var data = Recording.ParseWalk([
            ".1.3.6.1.4.1.14179.2.2.1.1.3.0.167.66.226.0.32 = STRING: \"AP \\\"1\\\"\"",
            "iso.3.6.1.4.1.14179.2.2.1.1.33.0.167.66.226.0.32 = Hex-STRING: 00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F ",
            "10 11 ",
            ".1.3.6.1.4.1.14179.2.2.2.1.12.0.167.66.226.0.32.1 = INTEGER: down(1)",
            ".1.3.6.1.2.1.1.3.0 = Timeticks: (123456789) 14 days, 6:56:07.89",
            ".1.3.6.1.4.1.14179.2.2.1.1.30.0.167.66.226.0.32 = \"\"",
        ], "x.walk");
        Assert.Equal("AP \"1\"", data[Oid.Parse("1.3.6.1.4.1.14179.2.2.1.1.3.0.167.66.226.0.32")].AsString());
        Assert.Equal(18, data[Oid.Parse("1.3.6.1.4.1.14179.2.2.1.1.33.0.167.66.226.0.32")].Bytes.Length);
        Assert.Equal(1, data[Oid.Parse("1.3.6.1.4.1.14179.2.2.2.1.12.0.167.66.226.0.32.1")].Number);
        Assert.Equal(123456789, data[Oid.Parse("1.3.6.1.2.1.1.3.0")].Number);
        Assert.Equal("", data[Oid.Parse("1.3.6.1.4.1.14179.2.2.1.1.30.0.167.66.226.0.32")].AsString());
    }

    [Fact]
    public void Snmprec_round_trips_every_value_and_reads_variations()
    {
        var path = Path.GetTempFileName() + ".snmprec";
        try
        {
            var values = new[]
            {
                new VarBind(Oid.Parse("1.3.6.1.2.1.1.1.0"), SnmpValue.OctetString("text")),
                new VarBind(Oid.Parse("1.3.6.1.2.1.1.2.0"), SnmpValue.OctetString(new byte[] { 0, 0xa7, (byte)'|' })),
                new VarBind(Oid.Parse("1.3.6.1.2.1.1.3.0"), SnmpValue.TimeTicks(5)),
                new VarBind(Oid.Parse("1.3.6.1.2.1.1.4.0"), SnmpValue.Integer(-7)),
                new VarBind(Oid.Parse("1.3.6.1.2.1.1.5.0"), SnmpValue.Counter64(ulong.MaxValue)),
                new VarBind(Oid.Parse("1.3.6.1.2.1.1.6.0"), SnmpValue.Ip(System.Net.IPAddress.Parse("10.1.2.3"))),
                new VarBind(Oid.Parse("1.3.6.1.2.1.1.7.0"), SnmpValue.ObjectIdentifier(Oid.Parse("1.3.6.1.4.1.14179"))),
            };
            Recording.WriteSnmprec(path, values);
            var back = Recording.Load(path);
            Assert.Equal(values.Select(v => v.Value), back.Values);
            var variation = Recording.ParseSnmprec(["1.3.6.1.2.1.1.9.0|2:writecache|value=42"]);
            Assert.Equal(42, variation.Single().Value.Number);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_bad_line_names_file_and_line()
    {
        var e = Assert.Throws<FormatException>(() => Recording.ParseSnmprec(["1.3.6.1|2|1", "1.3.6.2|2|notanumber"], "wlc.snmprec"));
        Assert.StartsWith("wlc.snmprec:2:", e.Message);
    }
}
