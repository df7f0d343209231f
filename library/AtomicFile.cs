using System.Text;

namespace Ops;

/// <summary>
/// The one way ops writes a file a reader may open (executed notebooks, HTML pages, run records,
/// state): the content goes to a temporary file in the same directory, is flushed to disk, and is
/// renamed over the target. A crash or SIGKILL at any point leaves either the previous file or
/// the new one, never a truncated mix; the rename stays on one file system because the temporary
/// file sits beside the target.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="text"/> (UTF-8 without BOM unless <paramref name="encoding"/> says otherwise).</summary>
    public static void WriteAllText(string path, string text, Encoding? encoding = null) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, encoding ?? Utf8, 1 << 16, leaveOpen: true);
            writer.Write(text);
        });

    /// <summary>Writes whatever <paramref name="write"/> puts into the stream it is given.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* the original error matters more */ }
    }
}
