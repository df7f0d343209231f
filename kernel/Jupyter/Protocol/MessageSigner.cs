using System.Security.Cryptography;
using System.Text;

namespace Ops.Kernel.Jupyter.Protocol;

/// <summary>
/// HMAC signatures of Jupyter messages: hex digest over header, parent_header, metadata and content
/// with the connection file's key. An empty key means messages are neither signed nor checked.
/// </summary>
public sealed class MessageSigner
{
    private readonly byte[] _key;
    private readonly HashAlgorithmName _algorithm;

    private static readonly Dictionary<string, HashAlgorithmName> Schemes = new(StringComparer.Ordinal)
    {
        ["hmac-sha256"] = HashAlgorithmName.SHA256,
        ["hmac-sha512"] = HashAlgorithmName.SHA512,
        ["hmac-sha384"] = HashAlgorithmName.SHA384,
        ["hmac-sha1"] = HashAlgorithmName.SHA1,
        ["hmac-md5"] = HashAlgorithmName.MD5,
    };

    /// <summary>The signature_scheme values a connection file may name.</summary>
    public static IEnumerable<string> SupportedSchemes => Schemes.Keys;

    public MessageSigner(string key, string scheme = "hmac-sha256")
    {
        _key = Encoding.UTF8.GetBytes(key);
        _algorithm = Schemes.TryGetValue(scheme, out var algorithm)
            ? algorithm
            : throw new ArgumentException($"signature scheme '{scheme}' is not supported; use one of {string.Join(", ", SupportedSchemes)}");
    }

    public bool Enabled => _key.Length > 0;

    /// <summary>Lowercase hex signature of the four JSON parts (empty when signing is off).</summary>
    public byte[] Sign(ReadOnlySpan<byte> header, ReadOnlySpan<byte> parent, ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!Enabled) return [];
        using var hmac = IncrementalHash.CreateHMAC(_algorithm, _key);
        hmac.AppendData(header);
        hmac.AppendData(parent);
        hmac.AppendData(metadata);
        hmac.AppendData(content);
        Span<byte> digest = stackalloc byte[64];
        var n = hmac.GetHashAndReset(digest);
        return Encoding.ASCII.GetBytes(Convert.ToHexStringLower(digest[..n]));
    }

    /// <summary>True when the signature matches (compared in constant time), or when signing is off.</summary>
    public bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> header, ReadOnlySpan<byte> parent,
        ReadOnlySpan<byte> metadata, ReadOnlySpan<byte> content)
    {
        if (!Enabled) return true;
        var expected = Sign(header, parent, metadata, content);
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }
}
