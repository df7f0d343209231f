using System.Globalization;
using Ops.Display;

namespace Ops.Aws.Audit;

/// <summary>One row of the IAM credential report (<c>aws iam get-credential-report</c>, Base64-decoded CSV).</summary>
public sealed record CredentialReportRow(
    int Line,
    string User,
    string Arn,
    bool PasswordEnabled,
    DateTimeOffset? PasswordLastUsed,
    DateTimeOffset? PasswordLastChanged,
    bool MfaActive,
    bool AccessKey1Active,
    DateTimeOffset? AccessKey1LastRotated,
    DateTimeOffset? AccessKey1LastUsed,
    bool AccessKey2Active,
    DateTimeOffset? AccessKey2LastRotated,
    DateTimeOffset? AccessKey2LastUsed,
    DateTimeOffset? UserCreated)
{
    public bool IsRoot => User == "<root_account>";
}

/// <summary>
/// The IAM credential report: one row per user plus <c>&lt;root_account&gt;</c>. Columns are found by name,
/// so reports with more or fewer columns than the 22 of the audited report still load.
/// </summary>
public sealed class CredentialReport : IMimeRenderable
{
    private static readonly string[] Required =
        ["user", "arn", "password_enabled", "mfa_active", "access_key_1_active", "access_key_2_active"];

    private CredentialReport(string source, List<CredentialReportRow> rows)
    {
        Source = source;
        Rows = rows;
    }

    public string Source { get; }
    public IReadOnlyList<CredentialReportRow> Rows { get; }
    public CredentialReportRow? Root => Rows.FirstOrDefault(r => r.IsRoot);

    public static CredentialReport Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses the CSV (or its Base64 form as returned in <c>Content</c>).</summary>
    public static CredentialReport Parse(string text, string source = "credential report")
    {
        var trimmed = text.TrimStart('\uFEFF').Trim();
        if (!trimmed.Contains(',') && trimmed.Length > 0)
        {
            try { trimmed = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(trimmed)); }
            catch (FormatException) { throw new FormatException($"{source}:1: neither CSV nor Base64; save the report with: aws iam get-credential-report --query Content --output text | base64 -d"); }
        }
        var lines = trimmed.Replace("\r\n", "\n").Split('\n');
        var header = Csv.Split(lines[0]).Select(h => h.Trim()).ToArray();
        var index = header.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);
        foreach (var r in Required)
            if (!index.ContainsKey(r)) throw new FormatException($"{source}:1: header has no '{r}' column; is this an IAM credential report?");
        var rows = new List<CredentialReportRow>();
        for (var n = 1; n < lines.Length; n++)
        {
            if (lines[n].Trim().Length == 0) continue;
            var cells = Csv.Split(lines[n]);
            var lineNo = n + 1;
            if (cells.Count != header.Length)
                throw new FormatException($"{source}:{lineNo}: {cells.Count} fields but the header has {header.Length}");
            string Cell(string name) => index.TryGetValue(name, out var i) ? cells[i].Trim() : "N/A";
            bool Bool(string name)
            {
                var v = Cell(name);
                return v switch
                {
                    "true" => true,
                    "false" or "not_supported" or "N/A" => false,
                    _ => throw new FormatException($"{source}:{lineNo}: {name} is '{v}', expected true or false"),
                };
            }
            DateTimeOffset? Date(string name)
            {
                var v = Cell(name);
                if (v is "N/A" or "not_supported" or "no_information" or "") return null;
                if (DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)) return d;
                throw new FormatException($"{source}:{lineNo}: {name} is '{v}', expected an ISO 8601 time or N/A");
            }
            rows.Add(new CredentialReportRow(lineNo, Cell("user"), Cell("arn"), Bool("password_enabled"), Date("password_last_used"),
                Date("password_last_changed"), Bool("mfa_active"), Bool("access_key_1_active"), Date("access_key_1_last_rotated"),
                Date("access_key_1_last_used_date"), Bool("access_key_2_active"), Date("access_key_2_last_rotated"),
                Date("access_key_2_last_used_date"), Date("user_creation_time")));
        }
        return new CredentialReport(source, rows);
    }

    public Table ToTable()
    {
        var t = new Table("user", "password", "password last used", "MFA", "key 1", "key 1 last used", "key 2", "key 2 last used") { Title = Source };
        foreach (var r in Rows)
            t.AddRow(r.User, r.PasswordEnabled, r.PasswordLastUsed, r.MfaActive, r.AccessKey1Active, r.AccessKey1LastUsed, r.AccessKey2Active, r.AccessKey2LastUsed);
        return t;
    }

    public MimeBundle ToMimeBundle() => ToTable().ToMimeBundle();
}

internal static class Csv
{
    /// <summary>Splits one CSV line (RFC 4180 quotes, doubled quotes inside).</summary>
    public static List<string> Split(string line)
    {
        var cells = new List<string>();
        var sb = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else sb.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        cells.Add(sb.ToString());
        return cells;
    }
}
