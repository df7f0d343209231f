namespace Ops.Memory;

/// <summary>Streaming reader of per-second memory samples (vmstat with a date prefix, <c>vmstat -t</c>, <c>sar -r</c>).</summary>
public static class Vmstat
{
    /// <summary>
    /// The samples of <paramref name="reader"/> one at a time, without holding the file in memory.
    /// Throws <see cref="MemoryInputException"/> (source:line) at the first malformed line.
    /// </summary>
    public static IEnumerable<MemorySample> Parse(TextReader reader, string source = "<input>")
    {
        var parser = new MemoryTextParser(new LineReader(reader, source));
        while (parser.Next(out var sample)) yield return sample;
    }

    /// <summary>Parses text held in memory (a pasted excerpt, a test fixture).</summary>
    public static IReadOnlyList<MemorySample> ParseText(string text, string source = "<text>") =>
        Parse(new StringReader(text), source).ToList();

    /// <summary>Counts the samples of a stream; used by the parsing benchmark.</summary>
    public static long Count(TextReader reader, string source = "<input>")
    {
        var parser = new MemoryTextParser(new LineReader(reader, source));
        long n = 0;
        while (parser.Next(out _)) n++;
        return n;
    }
}
