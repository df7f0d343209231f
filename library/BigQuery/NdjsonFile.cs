using System.Buffers.Binary;
using System.IO.Compression;

namespace Ops.BigQuery;

/// <summary>Opens a newline-delimited JSON file, decompressing it when it starts with the gzip magic bytes.</summary>
public static class NdjsonFile
{
    /// <summary>
    /// The file's lines as a stream. A gzip file that ends early (a truncated upload) throws
    /// <see cref="InvalidDataException"/> naming the file at its end: .NET's GZipStream just stops.
    /// </summary>
    public static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        var gzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        if (!gzip) { file.Seek(0, SeekOrigin.Begin); return file; }
        uint? trailer = null;
        if (file.Length >= 18)
        {
            Span<byte> isize = stackalloc byte[4];
            file.Seek(-4, SeekOrigin.End);
            file.ReadExactly(isize);
            trailer = BinaryPrimitives.ReadUInt32LittleEndian(isize);
        }
        file.Seek(0, SeekOrigin.Begin);
        return new TruncationCheck(new GZipStream(file, CompressionMode.Decompress), path, trailer);
    }

    public static bool IsGzip(string path)
    {
        using var file = File.OpenRead(path);
        return file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
    }

    /// <summary>
    /// At the end of the gzip data, compares the bytes decompressed with the trailer's size (mod 2^32).
    /// A mismatch with an unterminated last line is a truncated file; a mismatch after a newline is
    /// left alone (a multi-member gzip, whose last trailer covers only its last member).
    /// </summary>
    private sealed class TruncationCheck(Stream inner, string path, uint? trailer) : Stream
    {
        private long _bytes;
        private byte _last = (byte)'\n';

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = inner.Read(buffer);
            if (n > 0) { _bytes += n; _last = buffer[n - 1]; return n; }
            if (buffer.Length > 0 && (trailer is null ? _bytes == 0 || _last != '\n' : trailer != (uint)_bytes && _last != '\n'))
                throw new InvalidDataException($"{path}: the gzip data ends early after {_bytes} decompressed bytes" +
                    (trailer is uint t ? $" (its trailer says {t} mod 2^32)" : "") + ": the file is truncated; re-create or re-upload it");
            return 0;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _bytes; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
