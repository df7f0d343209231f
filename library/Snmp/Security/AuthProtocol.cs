namespace Ops.Snmp;

/// <summary>USM authentication: HMAC-MD5-96, HMAC-SHA-96 (RFC 3414) and the SHA-2 family (RFC 7860).</summary>
public enum AuthProtocol
{
    None,
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

/// <summary>USM privacy: CBC-DES (RFC 3414 §8) and CFB128-AES-128 (RFC 3826).</summary>
public enum PrivProtocol
{
    None,
    Des,
    Aes128,
}
