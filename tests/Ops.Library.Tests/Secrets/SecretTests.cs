using Ops.Secrets;

namespace Ops.Tests.Secrets;

public class SecretTests
{
    [Fact]
    public void FromEnv_value_is_masked_in_ToString_and_interpolation()
    {
        Environment.SetEnvironmentVariable("OPS_TEST_SECRET_A", "s3cr3t-from-env");
        var secret = Secret.FromEnv("OPS_TEST_SECRET_A");
        Assert.DoesNotContain("s3cr3t", secret.ToString());
        Assert.DoesNotContain("s3cr3t", $"using {secret}");
        Assert.Contains("OPS_TEST_SECRET_A", secret.ToString());
        Assert.Equal("s3cr3t-from-env", secret.Reveal());
        string asString = secret;
        Assert.Equal("s3cr3t-from-env", asString);
    }

    [Fact]
    public void FromEnv_value_is_redacted_by_the_scanner()
    {
        Environment.SetEnvironmentVariable("OPS_TEST_SECRET_B", "v4lue-in-registry");
        Secret.FromEnv("OPS_TEST_SECRET_B");
        var redacted = new SecretScanner().Redact("connect failed: auth v4lue-in-registry rejected", out var n);
        Assert.Equal("connect failed: auth [REDACTED:secret] rejected", redacted);
        Assert.Equal(1, n);
    }

    [Fact]
    public void FromEnv_names_the_missing_variable()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Secret.FromEnv("OPS_TEST_SECRET_UNSET_X"));
        Assert.Contains("OPS_TEST_SECRET_UNSET_X", e.Message);
    }

    [Fact]
    public void Prompt_reads_through_the_installed_host_reader_and_registers_the_value()
    {
        string? asked = null;
        using (Secret.UsePrompt(p => { asked = p; return "typed-pa55"; }))
        {
            var secret = Secret.Prompt("Community: ");
            Assert.Equal("Community: ", asked);
            Assert.Equal("typed-pa55", secret.Reveal());
            Assert.Equal("Secret(prompt, ********)", secret.ToString());
        }
        Assert.Contains("typed-pa55", SecretRegistry.Values);
    }

    [Theory]
    [InlineData("password", true)]
    [InlineData("dbPassword", true)]
    [InlineData("snmp_community", true)]
    [InlineData("apiKey", true)]
    [InlineData("secret_key", true)]
    [InlineData("token", true)]
    [InlineData("host", false)]
    [InlineData("keyboard", false)]
    [InlineData("monkeys", false)]
    public void Secret_looking_names(string name, bool secret) => Assert.Equal(secret, SecretNames.LooksSecret(name));
}

public class SecretDisplayTests
{
    [Fact]
    public void Displaying_a_secret_shows_it_masked_in_every_mime_type()
    {
        var secret = Secret.Of("displayed-s3cret", "vault");
        var bundle = Ops.Display.Formatter.Format(secret);
        Assert.All(bundle.Values, v => Assert.DoesNotContain("displayed-s3cret", v));
        Assert.Contains("********", bundle.PlainText);
        var table = new Ops.Display.Table("host", "community").AddRow("wlc1", secret);
        Assert.All(Ops.Display.Formatter.Format(table).Values, v => Assert.DoesNotContain("displayed-s3cret", v));
    }
}
