using System.Buffers;

namespace Ops.BigQuery;

/// <summary>
/// Splits a stream into lines over one pooled buffer that grows only to the longest line kept
/// (bounded by <see cref="MaxLineBytes"/>). Longer lines are skipped to their end and reported as
/// oversized, so memory stays bounded whatever the file holds.
/// </summary>
internal sealed class LineReader : IDisposable
{
    private byte[] _buffer;
    private int _start, _end;
    private bool _eof;
    private readonly Stream _stream;

    public LineReader(Stream stream, long maxLineBytes, int initialBuffer = 1 << 20)
    {
        _stream = stream;
        MaxLineBytes = maxLineBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(initialBuffer);
    }

    public long MaxLineBytes { get; }
    public long LineNumber { get; private set; }
    public long BytesRead { get; private set; }
    /// <summary>The last line had no terminating newline.</summary>
    public bool LastLineUnterminated { get; private set; }

    /// <summary>Next line without its \n (and \r). <paramref name="oversizedLength"/> is set instead when the line was too long.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line, out long oversizedLength)
    {
        oversizedLength = 0;
        var scanFrom = _start;
        while (true)
        {
            var nl = _buffer.AsSpan(scanFrom, _end - scanFrom).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                var lineEnd = scanFrom + nl;
                LineNumber++;
                if (lineEnd - _start > MaxLineBytes)
                {
                    oversizedLength = lineEnd - _start;
                    line = default;
                    _start = lineEnd + 1;
                    return true;
                }
                line = Trim(_buffer.AsSpan(_start, lineEnd - _start));
                _start = lineEnd + 1;
                return true;
            }
            if (_eof)
            {
                if (_end > _start)
                {
                    line = Trim(_buffer.AsSpan(_start, _end - _start));
                    _start = _end;
                    LineNumber++;
                    LastLineUnterminated = true;
                    return true;
                }
                line = default;
                return false;
            }
            var pending = _end - _start;
            if (pending >= MaxLineBytes)
            {
                oversizedLength = SkipRestOfLine(pending);
                line = default;
                LineNumber++;
                return true;
            }
            scanFrom = _end;
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
                scanFrom -= _start;
                _start = 0;
                _end = pending;
            }
            if (_end == _buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Array.MaxLength, (long)_buffer.Length * 2));
                Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = bigger;
            }
            var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0) _eof = true;
            _end += n;
            BytesRead += n;
        }
    }

    private static ReadOnlySpan<byte> Trim(Span<byte> s) => s.Length > 0 && s[^1] == '\r' ? s[..^1] : s;

    private long SkipRestOfLine(long already)
    {
        var length = already;
        _start = _end = 0;
        while (true)
        {
            var n = _stream.Read(_buffer, 0, _buffer.Length);
            BytesRead += n;
            if (n == 0) { _eof = true; LastLineUnterminated = true; return length; }
            var nl = _buffer.AsSpan(0, n).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                _start = nl + 1;
                _end = n;
                return length + nl;
            }
            length += n;
        }
    }

    public void Dispose()
    {
        if (_buffer.Length > 0) ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
