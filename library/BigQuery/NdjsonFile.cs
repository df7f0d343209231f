using System.IO.Compression;

namespace Ops.BigQuery;

/// <summary>Opens a newline-delimited JSON file, decompressing it when it starts with the gzip magic bytes.</summary>
public static class NdjsonFile
{
    public static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        var gzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Seek(0, SeekOrigin.Begin);
        return gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    public static bool IsGzip(string path)
    {
        using var file = File.OpenRead(path);
        return file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
    }
}
