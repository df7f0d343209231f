using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Ops.Snmp;

/// <summary>USM key localisation, message authentication and privacy (RFC 3414, RFC 3826, RFC 7860).</summary>
public static class UsmCrypto
{
    /// <summary>Bytes of the truncated HMAC carried in msgAuthenticationParameters.</summary>
    public static int MacLength(AuthProtocol auth) => auth switch
    {
        AuthProtocol.Md5 or AuthProtocol.Sha1 => 12,
        AuthProtocol.Sha224 => 16,
        AuthProtocol.Sha256 => 24,
        AuthProtocol.Sha384 => 32,
        AuthProtocol.Sha512 => 48,
        _ => 0,
    };

    public static byte[] Hash(AuthProtocol auth, ReadOnlySpan<byte> data) => auth switch
    {
        AuthProtocol.Md5 => MD5.HashData(data),
        AuthProtocol.Sha1 => SHA1.HashData(data),
        AuthProtocol.Sha224 => Sha224(data),
        AuthProtocol.Sha256 => SHA256.HashData(data),
        AuthProtocol.Sha384 => SHA384.HashData(data),
        AuthProtocol.Sha512 => SHA512.HashData(data),
        _ => throw new ArgumentException("no authentication protocol", nameof(auth)),
    };

    /// <summary>Password to key (RFC 3414 A.2): the hash of 1 MiB of the repeated password.</summary>
    public static byte[] PasswordToKey(AuthProtocol auth, string password)
    {
        var pw = Encoding.UTF8.GetBytes(password);
        if (pw.Length == 0) throw new ArgumentException("an SNMPv3 password must not be empty", nameof(password));
        const int total = 1048576;
        var buffer = new byte[total];
        for (var i = 0; i < total; i++) buffer[i] = pw[i % pw.Length];
        return Hash(auth, buffer);
    }

    /// <summary>Localised key Kul = H(Ku || engineID || Ku) (RFC 3414 §2.6).</summary>
    public static byte[] Localize(AuthProtocol auth, byte[] key, byte[] engineId)
    {
        var data = new byte[key.Length * 2 + engineId.Length];
        key.CopyTo(data, 0);
        engineId.CopyTo(data, key.Length);
        key.CopyTo(data, key.Length + engineId.Length);
        return Hash(auth, data);
    }

    public static byte[] LocalizedKey(AuthProtocol auth, string password, byte[] engineId) =>
        Localize(auth, PasswordToKey(auth, password), engineId);

    public static byte[] Mac(AuthProtocol auth, byte[] key, ReadOnlySpan<byte> message)
    {
        byte[] full = auth switch
        {
            AuthProtocol.Md5 => HMACMD5.HashData(key, message),
            AuthProtocol.Sha1 => HMACSHA1.HashData(key, message),
            AuthProtocol.Sha224 => HmacSha224(key, message),
            AuthProtocol.Sha256 => HMACSHA256.HashData(key, message),
            AuthProtocol.Sha384 => HMACSHA384.HashData(key, message),
            AuthProtocol.Sha512 => HMACSHA512.HashData(key, message),
            _ => throw new ArgumentException("no authentication protocol", nameof(auth)),
        };
        return full[..MacLength(auth)];
    }

    /// <summary>Encrypts a scoped PDU; returns the ciphertext and the salt sent as msgPrivacyParameters.</summary>
    public static (byte[] Cipher, byte[] Salt) Encrypt(PrivProtocol priv, byte[] privKey, int engineBoots, int engineTime, ulong saltCounter, byte[] plain)
    {
        var salt = new byte[8];
        switch (priv)
        {
            case PrivProtocol.Des:
            {
                BinaryPrimitives.WriteInt32BigEndian(salt, engineBoots);
                BinaryPrimitives.WriteUInt32BigEndian(salt.AsSpan(4), (uint)saltCounter);
                var iv = DesIv(privKey, salt);
                var padded = new byte[(plain.Length + 7) / 8 * 8];
                plain.CopyTo(padded, 0);
                using var des = DES.Create();
                des.Key = privKey[..8];
                return (des.EncryptCbc(padded, iv, PaddingMode.None), salt);
            }
            case PrivProtocol.Aes128:
            {
                BinaryPrimitives.WriteUInt64BigEndian(salt, saltCounter);
                return (AesCfb(privKey[..16], AesIv(engineBoots, engineTime, salt), plain, encrypt: true), salt);
            }
            default: throw new ArgumentException("no privacy protocol", nameof(priv));
        }
    }

    public static byte[] Decrypt(PrivProtocol priv, byte[] privKey, int engineBoots, int engineTime, byte[] salt, byte[] cipher)
    {
        if (salt.Length != 8) throw new CryptographicException($"msgPrivacyParameters of {salt.Length} bytes, expected 8");
        switch (priv)
        {
            case PrivProtocol.Des:
                if (cipher.Length % 8 != 0) throw new CryptographicException($"DES ciphertext of {cipher.Length} bytes is not a multiple of 8");
                using (var des = DES.Create())
                {
                    des.Key = privKey[..8];
                    return des.DecryptCbc(cipher, DesIv(privKey, salt), PaddingMode.None);
                }
            case PrivProtocol.Aes128:
                return AesCfb(privKey[..16], AesIv(engineBoots, engineTime, salt), cipher, encrypt: false);
            default: throw new ArgumentException("no privacy protocol", nameof(priv));
        }
    }

    /// <summary>
    /// CFB-128 over any length (RFC 3826 §3.1.3): .NET's CFB mode wants whole blocks without
    /// padding, so the feedback register is run here through AES-ECB.
    /// </summary>
    private static byte[] AesCfb(byte[] key, byte[] iv, byte[] input, bool encrypt)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        var output = new byte[input.Length];
        var register = (byte[])iv.Clone();
        var stream = new byte[16];
        for (var at = 0; at < input.Length; at += 16)
        {
            aes.EncryptEcb(register, stream, PaddingMode.None);
            var n = Math.Min(16, input.Length - at);
            for (var i = 0; i < n; i++) output[at + i] = (byte)(input[at + i] ^ stream[i]);
            if (n == 16) Array.Copy(encrypt ? output : input, at, register, 0, 16);
        }
        return output;
    }

    private static byte[] DesIv(byte[] privKey, byte[] salt)
    {
        var iv = new byte[8];
        for (var i = 0; i < 8; i++) iv[i] = (byte)(privKey[8 + i] ^ salt[i]);
        return iv;
    }

    private static byte[] AesIv(int boots, int time, byte[] salt)
    {
        var iv = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(iv, boots);
        BinaryPrimitives.WriteInt32BigEndian(iv.AsSpan(4), time);
        salt.CopyTo(iv, 8);
        return iv;
    }

    /// <summary>Bytes of localised key each privacy protocol needs (DES: key + pre-IV).</summary>
    public static int PrivKeyLength(PrivProtocol priv) => priv == PrivProtocol.None ? 0 : 16;

    /// <summary>.NET has no SHA-224; this is FIPS 180-4's SHA-256 with the SHA-224 initial values, truncated.</summary>
    private static byte[] Sha224(ReadOnlySpan<byte> data) => Sha224Impl.Hash(data);

    private static byte[] HmacSha224(byte[] key, ReadOnlySpan<byte> message)
    {
        const int block = 64;
        var k = key.Length > block ? Sha224(key) : key;
        var ipad = new byte[block + message.Length];
        var opad = new byte[block + 28];
        for (var i = 0; i < block; i++)
        {
            var b = i < k.Length ? k[i] : (byte)0;
            ipad[i] = (byte)(b ^ 0x36);
            opad[i] = (byte)(b ^ 0x5c);
        }
        message.CopyTo(ipad.AsSpan(block));
        Sha224(ipad).CopyTo(opad, block);
        return Sha224(opad);
    }
}
