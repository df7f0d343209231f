using System.Text;

namespace Ops.MySql.Protocol;

/// <summary>One COM_QUERY reply on a <see cref="ProbeConnection"/>: values as the server's bytes (null for NULL), or the OK counters.</summary>
internal sealed record ProbeReply(
    IReadOnlyList<string> Columns,
    IReadOnlyList<byte[]?[]> Rows,
    ulong AffectedRows,
    ushort Warnings,
    TimeSpan Elapsed)
{
    /// <summary>A value decoded as UTF-8 text (names, numbers, flags), null for NULL or a missing cell.</summary>
    public string? Text(int row, int column) =>
        row < Rows.Count && column < Rows[row].Length && Rows[row][column] is { } bytes ? ServerText.Decode(bytes) : null;
}
