using Ops.Aws;
using Ops.Aws.Audit;

namespace Ops.Tests.Aws;

public class AccountAuditTests
{
    private const string Header = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated";
    // The seed's root row (mfa_active true).
    private const string SeedRoot = "<root_account>,arn:aws:iam::123456789012:root,2018-06-20T13:38:27+00:00,not_supported,2019-07-02T09:23:21+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";
    private static readonly DateTimeOffset AsOf = new(2019, 9, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Seed_root_row_with_mfa_passes()
    {
        var report = CredentialReport.Parse(Header + "\n" + SeedRoot);
        Assert.True(report.Root!.MfaActive);
        Assert.Empty(new AccountAudit(AsOf).Check(report));
    }

    [Fact]
    public void Root_without_mfa_is_critical_with_its_fix()
    {
        var report = CredentialReport.Parse(Header + "\n" + SeedRoot.Replace("not_supported,true,false", "not_supported,false,false"), "report.csv");
        var f = Assert.Single(new AccountAudit(AsOf).Check(report));
        Assert.Equal((FindingSeverity.Critical, "root MFA", "report.csv:2"), (f.Severity, f.Check, f.Source));
        Assert.Contains("Assign MFA device", f.Fix);
    }

    [Fact]
    public void Unused_password_and_keys_are_judged_against_the_as_of_date()
    {
        var user = "bob,arn:aws:iam::123456789012:user/bob,2018-01-01T00:00:00+00:00,true,2019-03-01T00:00:00+00:00,2018-01-01T00:00:00+00:00,N/A,true,true,2019-08-01T00:00:00+00:00,2019-01-09T10:52:00+00:00,us-east-1,iam,true,2018-01-01T00:00:00+00:00,2019-08-31T00:00:00+00:00,us-east-1,s3,false,N/A,false,N/A";
        var findings = new AccountAudit(AsOf) { UnusedDays = 90, RotationDays = 365 }.Check(CredentialReport.Parse($"{Header}\n{SeedRoot}\n{user}"));
        Assert.Equal(["key not rotated bob key 2", "unused access key bob key 1", "unused password bob"],
            findings.Select(f => $"{f.Check} {f.Resource}").Order());
        Assert.Contains("last used 184 days ago", findings.Single(f => f.Check == "unused password").Detail);
        Assert.Contains("last used 234 days ago (2019-01-09)", findings.Single(f => f.Check == "unused access key").Detail);
    }

    [Fact]
    public void Console_user_without_mfa_is_high()
    {
        var user = "carol,arn:aws:iam::123456789012:user/carol,2019-08-01T00:00:00+00:00,true,2019-08-30T00:00:00+00:00,2019-08-01T00:00:00+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A";
        var f = Assert.Single(new AccountAudit(AsOf).Check(CredentialReport.Parse($"{Header}\n{SeedRoot}\n{user}")));
        Assert.Equal((FindingSeverity.High, "console MFA"), (f.Severity, f.Check));
    }

    [Fact]
    public void Credential_report_errors_name_file_line_and_column()
    {
        var bad = SeedRoot.Replace("not_supported,true,false", "not_supported,yes,false");
        var e = Assert.Throws<FormatException>(() => CredentialReport.Parse(Header + "\n" + bad, "cr.csv"));
        Assert.Equal("cr.csv:2: mfa_active is 'yes', expected true or false", e.Message);
        Assert.Contains("cr.csv:2: 3 fields", Assert.Throws<FormatException>(() => CredentialReport.Parse(Header + "\na,b,c", "cr.csv")).Message);
        Assert.Contains("no 'mfa_active' column", Assert.Throws<FormatException>(() => CredentialReport.Parse("user,arn,password_enabled\nx,y,true", "cr.csv")).Message);
    }

    [Fact]
    public void Base64_report_content_is_accepted()
    {
        var b64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Header + "\n" + SeedRoot));
        Assert.Single(CredentialReport.Parse(b64).Rows);
    }

    [Fact]
    public void Seed_last_used_date_is_flagged_after_ninety_days()
    {
        const string json = """
        { "AccessKeyId": "ABCDEFGHIJKLMNOPQRST", "AccessKeyLastUsed": { "Region": "us-east-1", "LastUsedDate": "2019-01-09T10:52:00Z", "ServiceName": "iam" }, "UserName": "sample-user1" }
        """;
        var keys = AccessKeyReport.Parse(json, "last-used.json");
        var f = Assert.Single(new AccountAudit(AsOf).Check(keys: keys));
        Assert.Equal(("unused access key", "sample-user1 ABCDEFGHIJKLMNOPQRST"), (f.Check, f.Resource));
        Assert.Contains("2019-01-09 is 234 days ago", f.Detail);
        Assert.Empty(new AccountAudit(new DateTimeOffset(2019, 2, 1, 0, 0, 0, TimeSpan.Zero)).Check(keys: keys));
    }

    [Fact]
    public void Never_used_key_is_flagged_and_inactive_keys_are_ignored()
    {
        const string json = """
        [ { "AccessKeyId": "K1", "UserName": "u", "Status": "Active", "AccessKeyLastUsed": { "Region": "N/A", "ServiceName": "N/A" } },
          { "AccessKeyId": "K2", "UserName": "u", "Status": "Inactive", "AccessKeyLastUsed": { "LastUsedDate": "2015-01-01T00:00:00Z" } } ]
        """;
        var f = Assert.Single(new AccountAudit(AsOf).Check(keys: AccessKeyReport.Parse(json)));
        Assert.Contains("never used", f.Detail);
    }

    [Fact]
    public void Missing_key_id_names_the_json_path()
    {
        var e = Assert.Throws<FormatException>(() => AccessKeyReport.Parse("""[ { "UserName": "u", "AccessKeyLastUsed": {} } ]""", "k.json"));
        Assert.Equal("k.json: [0].AccessKeyId is missing or not a string", e.Message);
        var syntax = Assert.Throws<FormatException>(() => AccessKeyReport.Parse("[\n{ \"UserName\": \"u\",\n  oops }\n]", "k.json"));
        Assert.StartsWith("k.json:3: not valid JSON", syntax.Message);
    }

    [Fact]
    public void Seed_elb_with_access_logs_off_is_flagged()
    {
        const string json = """
        { "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/app/sample-alb1/abcdefghijklmnop": {
            "Attributes": [ { "Value": "false", "Key": "access_logs.s3.enabled" }, { "Value": "", "Key": "access_logs.s3.bucket" } ] },
          "alb2": { "Attributes": [ { "Value": "true", "Key": "access_logs.s3.enabled" } ] } }
        """;
        var f = Assert.Single(new AccountAudit(AsOf).Check(loadBalancers: LoadBalancerReport.Parse(json)));
        Assert.Equal("ELB access logs", f.Check);
        Assert.EndsWith("sample-alb1/abcdefghijklmnop", f.Resource);
        Assert.Contains("Key=access_logs.s3.enabled,Value=true", f.Fix);
    }

    [Fact]
    public void Bare_elb_output_is_refused_because_it_names_no_load_balancer()
    {
        var e = Assert.Throws<FormatException>(() => LoadBalancerReport.Parse("""{ "Attributes": [] }""", "elb.json"));
        Assert.Contains("does not say which load balancer", e.Message);
    }

    [Fact]
    public void Seed_rds_instance_that_is_public_is_high()
    {
        const string json = """{ "DBInstances": [ { "DBInstanceIdentifier": "sample-db1", "Engine": "mysql", "PubliclyAccessible": true }, { "DBInstanceIdentifier": "db2", "PubliclyAccessible": false } ] }""";
        var f = Assert.Single(new AccountAudit(AsOf).Check(databases: DatabaseReport.Parse(json, "rds.json")));
        Assert.Equal((FindingSeverity.High, "sample-db1", "rds.json DBInstances[0]"), (f.Severity, f.Resource, f.Source));
        Assert.Contains("--no-publicly-accessible", f.Fix);
        var e = Assert.Throws<FormatException>(() => DatabaseReport.Parse("""{ "DBInstances": [ { "DBInstanceIdentifier": "x", "PubliclyAccessible": "yes" } ] }""", "rds.json"));
        Assert.Equal("rds.json: DBInstances[0].PubliclyAccessible is \"yes\", expected true or false", e.Message);
    }

    [Fact]
    public void Findings_table_puts_the_most_severe_first_and_escapes_html()
    {
        var findings = new Findings([
            new Finding(FindingSeverity.Low, "b", "<x>", "d", "f"),
            new Finding(FindingSeverity.Critical, "a", "r", "d", "f"),
        ]);
        var text = findings.ToTable().ToPlainText();
        Assert.True(text.IndexOf("CRITICAL", StringComparison.Ordinal) < text.IndexOf("LOW", StringComparison.Ordinal));
        Assert.StartsWith("Findings: 2 (1 critical, 1 low)", text);
        Assert.Contains("&lt;x&gt;", findings.ToMimeBundle().Get("text/html"));
    }
}
