using System.Security.Cryptography;
using System.Text;
using Ops.MySql.Authentication;

namespace Ops.Tests.MySql;

/// <summary>Vectors computed independently with Python's hashlib (scramble = bytes 1..20).</summary>
public class AuthScrambleTests
{
    private static readonly byte[] Scramble = Enumerable.Range(1, 20).Select(i => (byte)i).ToArray();

    [Fact]
    public void Native_password_scramble_matches_reference_vector() =>
        Assert.Equal("1e58b73f68d9dafb7b3e186a5419a21c9e153b15", Convert.ToHexStringLower(NativePassword.Scramble("secret-pw", Scramble)));

    [Fact]
    public void Caching_sha2_scramble_matches_reference_vector() =>
        Assert.Equal("702fa0e474391a0956d714f772bc509eee0b17df5d3148085e353830a638211c", Convert.ToHexStringLower(CachingSha2Password.Scramble("secret-pw", Scramble)));

    [Fact]
    public void Empty_password_sends_empty_auth_response()
    {
        Assert.Empty(NativePassword.Scramble("", Scramble));
        Assert.Empty(CachingSha2Password.Scramble("", Scramble));
    }

    [Fact]
    public void Scramble_ignores_the_trailing_nul_some_servers_send()
    {
        byte[] withNul = [.. Scramble, 0];
        Assert.Equal(NativePassword.Scramble("pw", Scramble), NativePassword.Scramble("pw", withNul));
    }

    [Fact]
    public void Rsa_full_authentication_decrypts_to_password_xor_scramble()
    {
        using var rsa = RSA.Create(2048);
        var encrypted = CachingSha2Password.Encrypt("p\u00e4ss", Scramble, rsa.ExportSubjectPublicKeyInfoPem());
        var clear = rsa.Decrypt(encrypted, RSAEncryptionPadding.OaepSHA1);
        for (var i = 0; i < clear.Length; i++) clear[i] ^= Scramble[i % Scramble.Length];
        Assert.Equal([.. Encoding.UTF8.GetBytes("p\u00e4ss"), 0], clear);
    }
}
