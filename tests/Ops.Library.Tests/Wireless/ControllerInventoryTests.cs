using Ops.Snmp;
using Ops.Wireless;

namespace Ops.Tests.Wireless;

public sealed class ControllerInventoryTests
{
    [Fact]
    public void Bare_names_from_the_seed_mean_address_port_161_v2c_and_SNMP_COMMUNITY()
    {
        var inv = ControllerInventory.Parse("---\nproduction:\n  controllers:\n    - WLC1\n    - WLC2\n");
        Assert.Equal(["WLC1", "WLC2"], inv.Controllers.Select(c => c.Name));
        var target = inv["WLC1"].ToTarget(v => v == "SNMP_COMMUNITY" ? "s3cret" : null);
        Assert.Equal(("WLC1", 161, SnmpVersion.V2c, "s3cret"), (target.Host, target.Port, target.Version, target.Community));
        Assert.DoesNotContain("s3cret", target.ToString());
    }

    [Fact]
    public void Extended_entries_carry_v3_credentials_as_environment_references()
    {
        var inv = ControllerInventory.Parse("""
            production:
              controllers:
                - name: WLC1
                  address: 127.0.0.1
                  port: 16101
                  version: 2c
                  community: env:WLC1_COMMUNITY
                - name: WLC2
                  address: 10.0.0.2
                  version: 3
                  user: monitor
                  auth: sha
                  authKey: env:WLC2_AUTH
                  priv: aes
                  privKey: env:WLC2_PRIV
                  cli: true
            staging:
              controllers: [WLC9]
            """);
        var wlc2 = inv["WLC2"];
        Assert.Equal((SnmpVersion.V3, AuthProtocol.Sha1, PrivProtocol.Aes128, true), (wlc2.Version, wlc2.Auth, wlc2.Priv, wlc2.Cli));
        var target = wlc2.ToTarget(v => v switch { "WLC2_AUTH" => "authpass", "WLC2_PRIV" => "privpass", _ => null });
        Assert.Equal(("authpass", "privpass", "monitor"), (target.AuthPassword, target.PrivPassword, target.User));
        Assert.Equal(16101, inv["WLC1"].Port);
        var missing = Assert.Throws<InvalidOperationException>(() => inv["WLC1"].ToTarget(_ => null));
        Assert.Contains("WLC1_COMMUNITY", missing.Message);
    }

    [Fact]
    public void A_plain_text_secret_is_refused_with_its_line()
    {
        var e = Assert.Throws<FormatException>(() => ControllerInventory.Parse("production:\n  controllers:\n    - name: WLC1\n      community: public\n", source: "inv.yaml"));
        Assert.Contains("inv.yaml:4", e.Message);
        Assert.Contains("env:NAME", e.Message);
        Assert.DoesNotContain("public", e.Message.Replace("production", ""));
    }

    [Theory]
    [InlineData("port: 70000", "inv.yaml:4", "port")]
    [InlineData("timeout: soon", "inv.yaml:4", "timeout")]
    [InlineData("retries: -1", "inv.yaml:4", "retries")]
    [InlineData("version: 4", "inv.yaml:4", "version")]
    [InlineData("auth: sha999", "inv.yaml:4", "auth")]
    [InlineData("colour: blue", "inv.yaml:4", "unknown controller field")]
    public void Bad_fields_name_file_and_line(string field, string where, string what)
    {
        var e = Assert.Throws<FormatException>(() => ControllerInventory.Parse($"production:\n  controllers:\n    - name: WLC1\n      {field}\n", source: "inv.yaml"));
        Assert.Contains(where, e.Message);
        Assert.Contains(what, e.Message);
    }

    [Fact]
    public void Env_picks_the_top_level_environment_and_an_unknown_one_is_named()
    {
        const string yaml = "production:\n  controllers: [WLC1]\nstaging:\n  controllers: [WLC9]\n";
        Assert.Equal("WLC9", ControllerInventory.Parse(yaml, "staging").Controllers.Single().Name);
        var e = Assert.Throws<FormatException>(() => ControllerInventory.Parse(yaml, "dev"));
        Assert.Contains("production, staging", e.Message);
    }
}
