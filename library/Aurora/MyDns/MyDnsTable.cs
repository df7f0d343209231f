using System.Globalization;
using System.Text;
using Ops.MySql;

namespace Ops.Aurora.MyDns;

/// <summary>
/// Applies checker changes to a MyDNS-style record table over the MySQL client. Dry-run by default:
/// returns the statements it would run. Column names are configurable because every MyDNS install
/// extends the <c>rr</c> table its own way.
/// </summary>
public sealed record MyDnsTable
{
    public string Table { get; init; } = "rr";
    public string NameColumn { get; init; } = "name";
    public string DataColumn { get; init; } = "data";
    public string WeightColumn { get; init; } = "weight";

    /// <summary>Reads the current records of the two endpoint names.</summary>
    public async Task<IReadOnlyList<MyDnsRecord>> ReadAsync(MySqlSession session, MyDnsEndpoints endpoints, CancellationToken cancellationToken = default)
    {
        var sql = $"SELECT {Id(NameColumn)}, {Id(DataColumn)}, {Id(WeightColumn)} FROM {Id(Table)} WHERE {Id(NameColumn)} IN ({Literal(endpoints.WriterName)}, {Literal(endpoints.ReaderName)})";
        var result = await session.QueryAsync(sql, cancellationToken).ConfigureAwait(false);
        return Enumerable.Range(0, result.Rows.Count).Select(r => new MyDnsRecord(result.Text(r, 0) ?? "", result.Text(r, 1) ?? "",
            int.TryParse(result.Text(r, 2), NumberStyles.Integer, CultureInfo.InvariantCulture, out var w) ? w : 0)).ToList();
    }

    /// <summary>The SQL for each change, in order.</summary>
    public IReadOnlyList<string> Statements(IEnumerable<MyDnsChange> changes) => changes.Select(Statement).ToList();

    public string Statement(MyDnsChange change) => change.Kind switch
    {
        MyDnsChangeKind.ReplaceWriter when change.PreviousInstance is null =>
            $"INSERT INTO {Id(Table)} ({Id(NameColumn)}, {Id(DataColumn)}, {Id(WeightColumn)}) VALUES ({Literal(change.Name)}, {Literal(change.Instance)}, {change.Weight})",
        MyDnsChangeKind.ReplaceWriter =>
            $"UPDATE {Id(Table)} SET {Id(DataColumn)}={Literal(change.Instance)} WHERE {Id(NameColumn)}={Literal(change.Name)} AND {Id(DataColumn)}={Literal(change.PreviousInstance)}",
        MyDnsChangeKind.AddReader =>
            $"INSERT INTO {Id(Table)} ({Id(NameColumn)}, {Id(DataColumn)}, {Id(WeightColumn)}) VALUES ({Literal(change.Name)}, {Literal(change.Instance)}, {change.Weight})",
        _ =>
            $"UPDATE {Id(Table)} SET {Id(WeightColumn)}={change.Weight} WHERE {Id(NameColumn)}={Literal(change.Name)} AND {Id(DataColumn)}={Literal(change.Instance)}",
    };

    /// <summary>Runs the statements unless <paramref name="dryRun"/>; returns them either way.</summary>
    public async Task<IReadOnlyList<string>> ApplyAsync(MySqlSession session, IEnumerable<MyDnsChange> changes, bool dryRun = true, CancellationToken cancellationToken = default)
    {
        var statements = Statements(changes);
        if (dryRun) return statements;
        foreach (var sql in statements) await session.QueryAsync(sql, cancellationToken).ConfigureAwait(false);
        return statements;
    }

    internal static string Id(string name) => "`" + name.Replace("`", "``") + "`";

    /// <summary>A string literal safe for the text protocol (no prepared statements here).</summary>
    public static string Literal(string? value)
    {
        if (value is null) return "NULL";
        var sb = new StringBuilder("'");
        foreach (var c in value)
            sb.Append(c switch
            {
                '\0' => "\\0",
                '\'' => "\\'",
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\x1a' => "\\Z",
                _ => c.ToString(),
            });
        return sb.Append('\'').ToString();
    }
}
