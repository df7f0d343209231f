using System.Globalization;

namespace Ops.Kernel.Cli;

/// <summary>Sizes on the command line: 500GB, 1.5TiB, 2048 (bytes); B/KB/MB/GB/TB are powers of 1000, KiB..TiB of 1024.</summary>
internal static class ByteSize
{
    private static readonly (string Suffix, double Scale)[] Units =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40), ("PiB", 1L << 50),
        ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12), ("PB", 1e15), ("B", 1),
    ];

    public static long Parse(string text, string option)
    {
        var t = text.Trim();
        var (number, scale) = (t, 1.0);
        foreach (var (suffix, s) in Units)
            if (t.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) { (number, scale) = (t[..^suffix.Length].Trim(), s); break; }
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0 || double.IsInfinity(value * scale) || value * scale > long.MaxValue)
            throw new UsageException($"{option} '{text}': not a size; write e.g. 500GB or 1TiB");
        return (long)(value * scale);
    }
}
