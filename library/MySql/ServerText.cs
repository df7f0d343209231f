using System.Text;

namespace Ops.MySql;

/// <summary>Text that came from a server (error messages): bounded before it is kept, printed or stored in a run file.</summary>
public static class ServerText
{
    /// <summary>Longest server text kept, in UTF-8 bytes; real MySQL errors are a few hundred bytes.</summary>
    public const int MaxBytes = 4096;

    /// <summary>Decodes at most <see cref="MaxBytes"/> and says how many bytes were left out.</summary>
    public static string Decode(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= MaxBytes) return Encoding.UTF8.GetString(utf8);
        return Encoding.UTF8.GetString(utf8[..MaxBytes]).TrimEnd('\uFFFD') + $"... ({utf8.Length - MaxBytes} more bytes left out)";
    }

    /// <summary>The same bound for text already decoded (exception messages of other libraries).</summary>
    public static string Truncate(string text) =>
        Encoding.UTF8.GetByteCount(text) <= MaxBytes ? text : Decode(Encoding.UTF8.GetBytes(text));
}
