namespace Ops.Aws.Audit;

/// <summary>
/// The account checks of seed 001's security audit, run on exported data: root MFA from the credential
/// report, passwords and access keys unused for N days, keys not rotated, ELB access logs off, RDS
/// instances reachable from the internet. <see cref="AsOf"/> fixes "now" so a rerun gives the same table.
/// </summary>
public sealed class AccountAudit
{
    public AccountAudit(DateTimeOffset asOf) => AsOf = asOf;

    public DateTimeOffset AsOf { get; }
    /// <summary>A password or key not used for this many days is reported (CIS uses 90; 45 in newer versions).</summary>
    public int UnusedDays { get; init; } = 90;
    /// <summary>An active key older than this many days is reported as not rotated.</summary>
    public int RotationDays { get; init; } = 90;

    public Findings Check(CredentialReport? report = null, AccessKeyReport? keys = null, LoadBalancerReport? loadBalancers = null, DatabaseReport? databases = null)
    {
        var all = new List<Finding>();
        // The key export names each key; prefer it over the report's "key 1/key 2" for the users it covers.
        var keyUsers = keys?.Keys.Select(k => k.UserName).ToHashSet(StringComparer.Ordinal) ?? [];
        if (report != null) all.AddRange(CheckCredentialReport(report).Where(f => !(f.Check is "unused access key" or "key not rotated" && keyUsers.Contains(UserOf(f.Resource)))));
        if (keys != null) all.AddRange(CheckAccessKeys(keys));
        if (loadBalancers != null) all.AddRange(CheckLoadBalancers(loadBalancers));
        if (databases != null) all.AddRange(CheckDatabases(databases));
        return new Findings(all, $"Account audit as of {AsOf:yyyy-MM-dd}");
    }

    /// <summary>Loads whichever exports are given (null paths are skipped) and checks them.</summary>
    public Findings CheckFiles(string? credentialReport = null, string? accessKeys = null, string? loadBalancers = null, string? databases = null) =>
        Check(credentialReport == null ? null : CredentialReport.Load(credentialReport),
              accessKeys == null ? null : AccessKeyReport.Load(accessKeys),
              loadBalancers == null ? null : LoadBalancerReport.Load(loadBalancers),
              databases == null ? null : DatabaseReport.Load(databases));

    public IEnumerable<Finding> CheckCredentialReport(CredentialReport report)
    {
        var root = report.Root;
        if (root == null)
            yield return new Finding(FindingSeverity.High, "root account", "<root_account>", "the credential report has no <root_account> row",
                "export the full report: aws iam generate-credential-report; aws iam get-credential-report", report.Source);
        foreach (var r in report.Rows)
        {
            var src = $"{report.Source}:{r.Line}";
            if (r.IsRoot)
            {
                if (!r.MfaActive)
                    yield return new Finding(FindingSeverity.Critical, "root MFA", r.Arn, "mfa_active is false for the root user",
                        "sign in as root, IAM > Security credentials > Assign MFA device", src);
                if (r.AccessKey1Active || r.AccessKey2Active)
                    yield return new Finding(FindingSeverity.Critical, "root access key", r.Arn, "the root user has an active access key",
                        "delete the root access keys (IAM > Security credentials as root) and use IAM roles", src);
                continue;
            }
            if (r.PasswordEnabled)
            {
                if (!r.MfaActive)
                    yield return new Finding(FindingSeverity.High, "console MFA", r.User, "console password enabled without MFA",
                        $"enable MFA for {r.User} or remove console access: aws iam delete-login-profile --user-name {r.User}", src);
                var since = r.PasswordLastUsed ?? r.PasswordLastChanged ?? r.UserCreated;
                var days = DaysSince(since);
                if (days is null || days > UnusedDays)
                    yield return new Finding(FindingSeverity.Medium, "unused password", r.User,
                        r.PasswordLastUsed is null ? $"password never used ({Describe(since)})" : $"password last used {days} days ago ({r.PasswordLastUsed:yyyy-MM-dd})",
                        $"aws iam delete-login-profile --user-name {r.User}", src);
            }
            foreach (var (n, active, rotated, used) in new[] { (1, r.AccessKey1Active, r.AccessKey1LastRotated, r.AccessKey1LastUsed), (2, r.AccessKey2Active, r.AccessKey2LastRotated, r.AccessKey2LastUsed) })
            {
                if (!active) continue;
                var unused = DaysSince(used ?? rotated);
                if (unused is null || unused > UnusedDays)
                    yield return new Finding(FindingSeverity.Medium, "unused access key", $"{r.User} key {n}",
                        used is null ? $"access key {n} never used (created {rotated:yyyy-MM-dd})" : $"access key {n} last used {unused} days ago ({used:yyyy-MM-dd})",
                        $"aws iam update-access-key --user-name {r.User} --access-key-id <key {n} id> --status Inactive, then delete-access-key", src);
                var age = DaysSince(rotated);
                if (age > RotationDays)
                    yield return new Finding(FindingSeverity.Low, "key not rotated", $"{r.User} key {n}", $"access key {n} last rotated {age} days ago ({rotated:yyyy-MM-dd})",
                        $"aws iam create-access-key --user-name {r.User}, switch the application, then deactivate and delete the old key", src);
            }
        }
    }

    public IEnumerable<Finding> CheckAccessKeys(AccessKeyReport keys)
    {
        foreach (var k in keys.Keys)
        {
            if (!string.Equals(k.Status, "Active", StringComparison.OrdinalIgnoreCase)) continue;
            var days = DaysSince(k.LastUsed);
            if (k.LastUsed is null)
                yield return new Finding(FindingSeverity.Medium, "unused access key", $"{k.UserName} {k.AccessKeyId}", "LastUsedDate is absent: the key was never used",
                    $"aws iam update-access-key --user-name {k.UserName} --access-key-id {k.AccessKeyId} --status Inactive", k.Source);
            else if (days > UnusedDays)
                yield return new Finding(FindingSeverity.Medium, "unused access key", $"{k.UserName} {k.AccessKeyId}",
                    $"LastUsedDate {k.LastUsed:yyyy-MM-dd} is {days} days ago (over {UnusedDays})",
                    $"aws iam update-access-key --user-name {k.UserName} --access-key-id {k.AccessKeyId} --status Inactive, then delete-access-key", k.Source);
            var age = DaysSince(k.Created);
            if (age > RotationDays)
                yield return new Finding(FindingSeverity.Low, "key not rotated", $"{k.UserName} {k.AccessKeyId}", $"created {k.Created:yyyy-MM-dd}, {age} days ago",
                    $"aws iam create-access-key --user-name {k.UserName}, switch over, then delete {k.AccessKeyId}", k.Source);
        }
    }

    public static IEnumerable<Finding> CheckLoadBalancers(LoadBalancerReport report) =>
        report.LoadBalancers.Where(lb => !lb.AccessLogsEnabled).Select(lb => new Finding(FindingSeverity.Medium, "ELB access logs", lb.LoadBalancer,
            $"access_logs.s3.enabled is {lb.Attributes.GetValueOrDefault("access_logs.s3.enabled", "absent")}",
            $"aws elbv2 modify-load-balancer-attributes --load-balancer-arn {lb.LoadBalancer} --attributes Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=<log bucket>",
            lb.Source));

    public static IEnumerable<Finding> CheckDatabases(DatabaseReport report) =>
        report.Instances.Where(i => i.PubliclyAccessible).Select(i => new Finding(FindingSeverity.High, "RDS public access", i.Identifier,
            "PubliclyAccessible is true: the endpoint resolves to a public address",
            $"aws rds modify-db-instance --db-instance-identifier {i.Identifier} --no-publicly-accessible --apply-immediately", i.Source));

    private static string UserOf(string resource) => resource.Split(' ')[0];

    private int? DaysSince(DateTimeOffset? t) => t is null ? null : (int)Math.Floor((AsOf - t.Value).TotalDays);

    private string Describe(DateTimeOffset? since) => since is null ? "no dates in the report" : $"set {since:yyyy-MM-dd}, {DaysSince(since)} days ago";
}
