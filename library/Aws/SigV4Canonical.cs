using System.Text;

namespace Ops.Aws;

/// <summary>
/// The parts of a SigV4 canonical request, computed from the request as it goes on the wire (the
/// request-target's path and query exactly as sent). Rules as AWS states them and its test suite checks:
/// <list type="bullet">
/// <item>Path, every service but S3: dot segments and empty segments removed, then every byte of the
/// path as sent URI-encoded again, <c>/</c> kept. A path sent as <c>/_doc/caf%C3%A9</c> is signed as
/// <c>/_doc/caf%25C3%25A9</c>, <c>/logs-*</c> as <c>/logs-%2A</c>.</item>
/// <item>Path, S3: not normalized; decoded once and encoded once (the object key's bytes encoded once).</item>
/// <item>Query: pairs split on <c>&amp;</c> and the first <c>=</c>, each name and value decoded then
/// encoded, sorted by encoded name then value (ordinal); <c>+</c> is a literal plus.</item>
/// <item>Encoding: A-Z a-z 0-9 <c>- _ . ~</c> stay, every other byte is <c>%XX</c> (upper-case hex).</item>
/// <item>Header values: trimmed, every run of whitespace (including folded lines) becomes one space;
/// repeated names joined with commas in the order sent.</item>
/// </list>
/// </summary>
public static class SigV4Canonical
{
    /// <summary>The canonical URI of a path as sent.</summary>
    /// <param name="pathAsSent">the request-target's path (before <c>?</c>), e.g. <c>/_cat/indices/logs-*</c></param>
    /// <param name="normalize">remove <c>.</c>, <c>..</c> and empty segments (every service but S3)</param>
    /// <param name="encodeAsSent">URI-encode the path as sent (every service but S3); false decodes it first (S3)</param>
    public static string Path(string pathAsSent, bool normalize = true, bool encodeAsSent = true)
    {
        var path = string.IsNullOrEmpty(pathAsSent) ? "/" : pathAsSent;
        if (normalize) path = RemoveDotSegments(path);
        var bytes = Encoding.UTF8.GetBytes(path);
        return Encode(encodeAsSent ? bytes : PercentDecode(bytes), keepSlash: true);
    }

    /// <summary>The canonical query string of a query as sent (without the leading <c>?</c>).</summary>
    public static string Query(string queryAsSent)
    {
        if (string.IsNullOrEmpty(queryAsSent)) return "";
        var pairs = new List<(string Name, string Value)>();
        foreach (var part in queryAsSent.Split('&'))
        {
            if (part.Length == 0) continue;
            var eq = part.IndexOf('=');
            var name = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? "" : part[(eq + 1)..];
            pairs.Add((Reencode(name), Reencode(value)));
        }
        pairs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name) is var c && c != 0 ? c : string.CompareOrdinal(a.Value, b.Value));
        return string.Join("&", pairs.Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>A header value as signed: trimmed, runs of whitespace collapsed to one space.</summary>
    public static string HeaderValue(string value)
    {
        var sb = new StringBuilder(value.Length);
        var space = false;
        foreach (var ch in value.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(ch)) { space = true; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(ch);
        }
        return sb.ToString();
    }

    /// <summary>RFC 3986 encoding as SigV4 uses it: unreserved characters stay, every other byte is %XX.</summary>
    public static string Encode(string text) => Encode(Encoding.UTF8.GetBytes(text), keepSlash: false);

    private static string Reencode(string component) => Encode(PercentDecode(Encoding.UTF8.GetBytes(component)), keepSlash: false);

    private static string Encode(ReadOnlySpan<byte> bytes, bool keepSlash)
    {
        var sb = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~' || (keepSlash && b == '/'))
                sb.Append((char)b);
            else
                sb.Append('%').Append(HexUpper[b >> 4]).Append(HexUpper[b & 0xF]);
        }
        return sb.ToString();
    }

    private const string HexUpper = "0123456789ABCDEF";

    /// <summary>Decodes %XX escapes byte by byte; a <c>%</c> not followed by two hex digits stays as it is.</summary>
    private static byte[] PercentDecode(byte[] bytes)
    {
        if (Array.IndexOf(bytes, (byte)'%') < 0) return bytes;
        var output = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '%' && i + 2 < bytes.Length && Hex(bytes[i + 1]) is >= 0 and var hi && Hex(bytes[i + 2]) is >= 0 and var lo)
            {
                output.Add((byte)(hi << 4 | lo));
                i += 2;
            }
            else output.Add(bytes[i]);
        }
        return output.ToArray();
    }

    private static int Hex(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => -1,
    };

    /// <summary>
    /// RFC 3986 dot-segment removal plus what AWS adds: empty segments (<c>//</c>) are dropped. The
    /// result keeps the leading slash, and a trailing slash when the path ended in one and has segments left.
    /// </summary>
    private static string RemoveDotSegments(string path)
    {
        var kept = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..") { if (kept.Count > 0) kept.RemoveAt(kept.Count - 1); continue; }
            kept.Add(segment);
        }
        var trailing = path.EndsWith('/') && kept.Count > 0 ? "/" : "";
        return "/" + string.Join("/", kept) + trailing;
    }
}
