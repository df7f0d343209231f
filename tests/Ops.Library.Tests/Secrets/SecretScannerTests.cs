using Ops.Secrets;

namespace Ops.Tests.Secrets;

public class SecretScannerTests
{
    private static string Redact(string text, out int count) => new SecretScanner(includeLiveSecrets: false).Redact(text, out count);

    [Theory]
    [InlineData("postgres://app:hunter2secret@db:5432/x", true)]
    [InlineData("Server=db;Password=mysecretpassword1;", true)]
    [InlineData("postgres://app:your-password@db:5432/x", false)]
    [InlineData("Server=db;Password=password;", false)]
    public void Passwords_that_merely_end_in_a_word_are_secrets_but_placeholders_are_not(string text, bool secret)
    {
        var redacted = new SecretScanner(includeLiveSecrets: false).Redact(text, out var count);
        Assert.Equal(secret ? 1 : 0, count);
        Assert.Equal(secret, redacted.Contains("[REDACTED:", StringComparison.Ordinal));
    }

    [Fact]
    public void Aws_access_key_id_is_redacted()
    {
        var text = "key id AKIAZ7QWERTYUIOPASDF in the log";
        Assert.Equal("key id [REDACTED:aws-access-key-id] in the log", Redact(text, out var n));
        Assert.Equal(1, n);
    }

    [Fact]
    public void Aws_documented_example_keys_are_allowed()
    {
        var text = "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
        Assert.Equal(text, Redact(text, out var n));
        Assert.Equal(0, n);
    }

    [Fact]
    public void Aws_secret_access_key_after_its_name_is_redacted()
    {
        var text = "aws_secret_access_key = Zx9/Kq2+abcdEFGHijklMNOPqrstUVWXyz012345\n";
        Assert.Equal("aws_secret_access_key = [REDACTED:aws-secret-access-key]\n", Redact(text, out _));
        Assert.Equal("{\"SecretAccessKey\": \"[REDACTED:aws-secret-access-key]\"}",
            Redact("{\"SecretAccessKey\": \"Zx9/Kq2+abcdEFGHijklMNOPqrstUVWXyz012345\"}", out _));
    }

    [Fact]
    public void Forty_character_strings_without_a_key_name_are_not_secrets()
    {
        var text = "commit 0123456789abcdef0123456789abcdef01234567";
        Assert.Equal(text, Redact(text, out _));
    }

    [Fact]
    public void Connection_string_password_is_redacted_and_the_rest_kept()
    {
        Assert.Equal("Server=db1;User ID=app;Password=[REDACTED:password];Database=x",
            Redact("Server=db1;User ID=app;Password=s3cr3t!x;Database=x", out _));
        Assert.Equal("Uid=root;Pwd=[REDACTED:password]", Redact("Uid=root;Pwd=hunter22", out _));
    }

    [Fact]
    public void Quoted_literal_given_to_a_password_name_is_redacted()
    {
        Assert.Equal("var dbPassword = \"[REDACTED:password]\";", Redact("var dbPassword = \"hunter22\";", out _));
        Assert.Equal("{\"token\": \"[REDACTED:password]\"}", Redact("{\"token\": \"abc123def\"}", out _));
    }

    [Fact]
    public void Code_assigning_an_expression_to_a_password_is_left_alone()
    {
        var code = "var password = Secret.FromEnv(\"DB_PASSWORD\");\nvar token = cancellationToken;";
        Assert.Equal(code, Redact(code, out _));
    }

    [Fact]
    public void Url_password_is_redacted_and_user_and_host_kept()
    {
        Assert.Equal("mysql://app:[REDACTED:url-password]@db1:3306/x", Redact("mysql://app:pa55word@db1:3306/x", out _));
        var plain = "https://example.com:8443/path";
        Assert.Equal(plain, Redact(plain, out _));
    }

    [Fact]
    public void Authorization_headers_are_redacted()
    {
        Assert.Equal("Authorization: Bearer [REDACTED:authorization]", Redact("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc", out _));
        Assert.Equal("authorization: Basic [REDACTED:authorization]", Redact("authorization: Basic YWRtaW46c2VjcmV0", out _));
        Assert.Equal("curl -H 'Bearer [REDACTED:authorization]'", Redact("curl -H 'Bearer abcdef0123456789'", out _));
    }

    [Fact]
    public void Pem_private_key_block_is_redacted_whole()
    {
        var pem = "before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234\nabcd==\n-----END RSA PRIVATE KEY-----\nafter";
        Assert.Equal("before\n[REDACTED:private-key]\nafter", Redact(pem, out var n));
        Assert.Equal(1, n);
        Assert.StartsWith("x [REDACTED:private-key]", Redact("x -----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg", out _));
    }

    [Fact]
    public void Public_certificates_are_not_secrets()
    {
        var cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
        Assert.Equal(cert, Redact(cert, out _));
    }

    [Fact]
    public void Literal_values_are_redacted_everywhere_they_appear()
    {
        var scanner = new SecretScanner(includeLiveSecrets: false).AddLiteral("c0mmunity-x");
        Assert.Equal("walk -c [REDACTED:parameter] wlc1: timeout ([REDACTED:parameter])",
            scanner.Redact("walk -c c0mmunity-x wlc1: timeout (c0mmunity-x)", out var n));
        Assert.Equal(2, n);
    }

    [Fact]
    public void Very_short_literals_are_not_matched()
    {
        var scanner = new SecretScanner(includeLiveSecrets: false).AddLiteral("ab");
        Assert.Equal("abc ab", scanner.Redact("abc ab", out _));
    }

    [Fact]
    public void Findings_carry_kind_and_line_but_not_the_secret()
    {
        var findings = new SecretScanner(includeLiveSecrets: false).Scan("one\ntwo AKIAZ7QWERTYUIOPASDF\nPwd=xyzzy123");
        Assert.Equal(2, findings.Count);
        Assert.Equal((SecretKind.AwsAccessKeyId, 2), (findings[0].Kind, findings[0].Line));
        Assert.Equal((SecretKind.Password, 3), (findings[1].Kind, findings[1].Line));
        Assert.DoesNotContain("AKIA", findings[0].ToString());
    }

    [Fact]
    public void Already_redacted_text_is_not_counted_again()
    {
        var once = Redact("Password=hunter22;", out _);
        Assert.Equal(once, Redact(once, out var n));
        Assert.Equal(0, n);
    }
}

public class SecretPlaceholderTests
{
    [Theory]
    [InlineData("const string Password = \"password\";")]
    [InlineData("mysql://user:password@host/db")]
    [InlineData("Password=`; see the docs")]
    [InlineData("string community = \"public\";")]
    [InlineData("SyntaxKind.EndToken => \"\\u001b[33m\",")]
    [InlineData("token: \"xxxxxxxx\"")]
    public void Placeholders_and_code_are_not_secrets(string text) =>
        Assert.Empty(new SecretScanner(includeLiveSecrets: false).Scan(text));

    [Theory]
    [InlineData("'aws_token' => 'abc123secretvalue'")]
    [InlineData("Connect(password: \"Tr0ub4dor&3\")")]
    [InlineData("community: \"n0t-the-default\"")]
    public void Quoted_literals_for_secret_names_are_found(string text) =>
        Assert.Single(new SecretScanner(includeLiveSecrets: false).Scan(text));
}

public class MimeBundleRedactionTests
{
    [Fact]
    public void Every_representation_of_a_bundle_is_redacted()
    {
        var bundle = new Ops.Display.MimeBundle("Pwd=hunter22;").With("text/html", "<td>Pwd=hunter22;</td>").With("application/json", "{\"password\": \"hunter22\"}");
        var redacted = new SecretScanner(includeLiveSecrets: false).Redact(bundle, out var count);
        Assert.Equal(3, count);
        Assert.All(redacted.Values, v => Assert.DoesNotContain("hunter22", v));
        Assert.Equal("Pwd=hunter22;", bundle.PlainText);
    }
}
