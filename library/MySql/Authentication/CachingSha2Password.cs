using System.Security.Cryptography;
using System.Text;

namespace Ops.MySql.Authentication;

/// <summary>
/// caching_sha2_password. Fast path: XOR(SHA256(pw), SHA256(SHA256(SHA256(pw)) + scramble)); the server
/// answers 0x03 when it has the hash cached, or 0x04 to ask for the password itself, which goes in clear
/// over TLS or RSA-OAEP encrypted (XOR-ed with the scramble) with the server's public key otherwise.
/// </summary>
internal static class CachingSha2Password
{
    public const string PluginName = "caching_sha2_password";
    public const byte FastAuthSuccess = 0x03;
    public const byte PerformFullAuthentication = 0x04;
    public const byte RequestPublicKey = 0x02;

    public static byte[] Scramble(string password, ReadOnlySpan<byte> scramble)
    {
        if (password.Length == 0) return [];
        var stage1 = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        var stage2 = SHA256.HashData(stage1);
        var salt = scramble.Length > 20 ? scramble[..20] : scramble;
        var mix = SHA256.HashData([.. stage2, .. salt]);
        for (var i = 0; i < stage1.Length; i++) stage1[i] ^= mix[i];
        return stage1;
    }

    /// <summary>The password NUL-terminated, for full authentication over TLS.</summary>
    public static byte[] ClearText(string password) => [.. Encoding.UTF8.GetBytes(password), 0];

    /// <summary>The password for full authentication without TLS: XOR with the scramble, then RSA-OAEP (SHA-1).</summary>
    public static byte[] Encrypt(string password, ReadOnlySpan<byte> scramble, string publicKeyPem)
    {
        var clear = ClearText(password);
        var salt = scramble.Length > 20 ? scramble[..20] : scramble;
        for (var i = 0; i < clear.Length; i++) clear[i] ^= salt[i % salt.Length];
        using var rsa = RSA.Create();
        try { rsa.ImportFromPem(publicKeyPem); }
        catch (ArgumentException e) { throw new MySqlProtocolException("server RSA public key is not valid PEM: " + e.Message); }
        return rsa.Encrypt(clear, RSAEncryptionPadding.OaepSHA1);
    }
}
