using System.Text;

namespace Ops.Kernel.Jupyter.Transport;

/// <summary>
/// The 64-byte ZMTP 3.x greeting: signature (0xFF, 8 padding bytes, 0x7F), version, mechanism,
/// as-server flag and filler. We always offer 3.1 with the NULL mechanism; a 3.0 peer is fine too.
/// </summary>
public static class ZmtpGreeting
{
    public const int Length = 64;
    public const int SignatureLength = 10;
    public const byte MajorVersion = 3;
    public const byte MinorVersion = 1;

    public static byte[] Build(bool asServer)
    {
        var g = new byte[Length];
        g[0] = 0xFF;
        g[9] = 0x7F;
        g[10] = MajorVersion;
        g[11] = MinorVersion;
        Encoding.ASCII.GetBytes("NULL").CopyTo(g, 12);
        g[32] = asServer ? (byte)1 : (byte)0;
        return g;
    }

    /// <summary>Checks the first 10 bytes; anything else (an HTTP request, a ZMTP 1.0 peer) is refused.</summary>
    public static void ValidateSignature(ReadOnlySpan<byte> signature)
    {
        if (signature.Length < SignatureLength || signature[0] != 0xFF || (signature[9] & 0x01) != 0x01)
            throw new ZmtpException("not a ZMTP 3 greeting (bad signature)");
    }

    /// <summary>Validates a full peer greeting and returns its (major, minor) version.</summary>
    public static (byte Major, byte Minor) Validate(ReadOnlySpan<byte> greeting)
    {
        if (greeting.Length != Length) throw new ZmtpException($"greeting is {greeting.Length} bytes, expected {Length}");
        ValidateSignature(greeting);
        var major = greeting[10];
        if (major < 3) throw new ZmtpException($"peer speaks ZMTP {major}.x; only 3.x is supported");
        var mechanism = Encoding.ASCII.GetString(greeting.Slice(12, 20)).TrimEnd('\0');
        if (mechanism != "NULL")
            throw new ZmtpException($"peer asked for security mechanism '{mechanism}'; this kernel speaks NULL only (Jupyter signs messages itself)");
        return (major, greeting[11]);
    }
}
