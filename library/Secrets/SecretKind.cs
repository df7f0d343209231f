namespace Ops.Secrets;

/// <summary>The kinds of secret the scanner recognises; each appears as <c>[REDACTED:kind]</c>.</summary>
public static class SecretKind
{
    public const string AwsAccessKeyId = "aws-access-key-id";
    public const string AwsSecretAccessKey = "aws-secret-access-key";
    public const string Password = "password";
    public const string UrlPassword = "url-password";
    public const string Authorization = "authorization";
    public const string PrivateKey = "private-key";
    /// <summary>The value of a notebook parameter whose name looks secret (password, token, community, ...).</summary>
    public const string Parameter = "parameter";
    /// <summary>A value created with <see cref="Secret.FromEnv"/> or <see cref="Secret.Prompt"/>.</summary>
    public const string Secret = "secret";
}
