namespace Ops.Memory;

/// <summary>
/// Reads lines from a <see cref="TextReader"/> into one reusable buffer and hands them out as
/// spans, so parsing a day of per-second samples does not allocate a string per line.
/// </summary>
internal sealed class LineReader
{
    private readonly TextReader _reader;
    private char[] _buffer = new char[64 * 1024];
    private int _start;
    private int _end;
    private bool _eof;

    public LineReader(TextReader reader, string source)
    {
        _reader = reader;
        Source = source;
    }

    public string Source { get; }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>The next line without its terminator (and without a trailing '\r'); valid until the next call.</summary>
    public bool Next(out ReadOnlySpan<char> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf('\n');
            if (newline >= 0)
            {
                line = Trim(_buffer.AsSpan(_start, newline));
                _start += newline + 1;
                LineNumber++;
                return true;
            }
            if (_eof)
            {
                if (_start < _end)
                {
                    line = Trim(_buffer.AsSpan(_start, _end - _start));
                    _start = _end;
                    LineNumber++;
                    return true;
                }
                line = default;
                return false;
            }
            Fill();
        }
    }

    private static ReadOnlySpan<char> Trim(ReadOnlySpan<char> line) =>
        line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;

    private void Fill()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2); // a line longer than the buffer
        var read = _reader.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        else _end += read;
    }

    public MemoryInputException Error(string problem, string? hint = null) => new(Source, LineNumber, problem, hint);
}
