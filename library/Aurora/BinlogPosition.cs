using System.Globalization;
using Ops.MySql;

namespace Ops.Aurora;

/// <summary>
/// SHOW MASTER STATUS as typed fields: the position a new replica starts from (step 6 of the seed's
/// zero-downtime switch, then CHANGE MASTER TO ... on the old primary).
/// </summary>
public sealed record BinlogPosition(string File, long Position, string? ExecutedGtidSet)
{
    /// <summary>
    /// Reads the current binary log position; SHOW BINARY LOG STATUS on MySQL 8.4+, SHOW MASTER STATUS
    /// elsewhere. Null when binary logging is off.
    /// </summary>
    public static async Task<BinlogPosition?> ReadAsync(MySqlSession session, CancellationToken cancellationToken = default)
    {
        MySqlResult result;
        try { result = await session.QueryAsync("SHOW MASTER STATUS", cancellationToken).ConfigureAwait(false); }
        catch (MySqlException e) when (e.Kind == MySqlErrorKind.Server && session.IsUsable)
        {
            result = await session.QueryAsync("SHOW BINARY LOG STATUS", cancellationToken).ConfigureAwait(false);
        }
        if (result.Rows.Count == 0) return null;
        return new BinlogPosition(result.Text(0, "File") ?? "",
            long.Parse(result.Text(0, "Position") ?? "0", NumberStyles.Integer, CultureInfo.InvariantCulture), result.Text(0, "Executed_Gtid_Set"));
    }

    public override string ToString() => $"{File}:{Position}";
}
