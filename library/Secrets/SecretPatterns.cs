using System.Text.RegularExpressions;

namespace Ops.Secrets;

/// <summary>
/// The patterns behind <see cref="SecretScanner"/>. Each has a group named <c>v</c>: the part that
/// is the secret (so <c>Password=</c> or <c>Bearer</c> stay readable and only the value goes).
/// </summary>
internal static partial class SecretPatterns
{
    /// <summary>AWS's documented example keys (git-secrets' <c>secrets.allowed</c>): never secrets.</summary>
    public static readonly IReadOnlySet<string> Allowed = new HashSet<string>(StringComparer.Ordinal)
    {
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    };

    /// <summary>A pattern and the words (any, case-insensitive) without which it cannot match: a cheap pre-check on large outputs.</summary>
    public sealed record Pattern(string Kind, Regex Regex, string[]? Triggers = null, bool ProseOnly = false)
    {
        public bool MayMatch(string text)
        {
            if (Triggers is null) return true;
            foreach (var t in Triggers) if (text.Contains(t, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }
    }

    private static readonly string[] PasswordWords = ["pass", "pwd", "secret", "token", "key", "communit"];

    public static readonly IReadOnlyList<Pattern> All =
    [
        new(SecretKind.PrivateKey, PrivateKey(), ["PRIVATE KEY"]),
        new(SecretKind.AwsAccessKeyId, AwsAccessKeyId()),
        new(SecretKind.AwsSecretAccessKey, AwsSecretAccessKey(), ["key"]),
        new(SecretKind.UrlPassword, UrlPassword(), ["://"]),
        new(SecretKind.Authorization, AuthorizationHeader(), ["authorization"]),
        new(SecretKind.Authorization, BearerToken(), ["bearer"]),
        new(SecretKind.Password, ConnectionStringPassword(), PasswordWords),
        new(SecretKind.Password, QuotedAssignment(), PasswordWords),
        new(SecretKind.Password, QueryParameter(), PasswordWords),
        new(SecretKind.Password, ProseAssignment(), PasswordWords, ProseOnly: true),
    ];

    // git-secrets' current access key id pattern: the documented prefixes and 16 more characters.
    // (Its older catch-all [A-Z0-9]{20} flags every 20-letter upper-case word; the prefixes keep
    // tables of device names and hex ids out of the redaction.)
    [GeneratedRegex(@"(?<![A-Z0-9])(?<v>(?:A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16})(?![A-Z0-9])")]
    private static partial Regex AwsAccessKeyId();

    // git-secrets: ("|')?(AWS|aws|Aws)?_?(SECRET|secret|Secret)?_?(ACCESS|access|Access)?_?(KEY|key|Key)("|')?\s*(:|=>|=)\s*("|')?[A-Za-z0-9/\+=]{40}("|')?
    // Every part before KEY is optional in that pattern, so matching from KEY finds the same values.
    [GeneratedRegex(@"(?:KEY|key|Key)(?:""|')?\s*(?::|=>|=)\s*(?:""|')?(?<v>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])")]
    private static partial Regex AwsSecretAccessKey();

    // scheme://user:password@host — only the password goes.
    // Anchored on "://" (found by a vectorised search), the scheme checked behind it.
    [GeneratedRegex(@"(?<=\b[A-Za-z][A-Za-z0-9+.\-]*)://[^:/?#@\s""'<>]+:(?<v>[^@/?#\s""'<>]+)@")]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(?i)\b(?:proxy-)?authorization\s*[:=]\s*[""']?(?:bearer|basic|token|digest|negotiate|aws4-hmac-sha256)\s+(?<v>[^\s""'<>;,]+(?:,\s*[A-Za-z]+=[^\s""'<>;,]+)*)")]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(@"\b[Bb]earer\s+(?<v>[A-Za-z0-9\-._~+/]{8,}=*)")]
    private static partial Regex BearerToken();

    // Connection strings: Password=...; Pwd=... written without spaces around '='. Code such as
    // `password = ReadIt();` has spaces and is not a connection string; a quoted literal is
    // caught by QuotedAssignment.
    [GeneratedRegex(@"(?i)(?<![\w.])(?:password|passwd|pwd|secret|(?:access[_-]?)?token|api[_-]?key|client[_-]?secret|shared[_-]?access[_-]?key|account[_-]?key)=(?<v>[^;\s""'<>&`]+)")]
    private static partial Regex ConnectionStringPassword();

    // A URL query parameter, also as people type it into messages and logs: `?token = x`, `&api_key= x`.
    // The `?`/`&` right before the name says it is a query, not an assignment in code.
    [GeneratedRegex(@"(?i)(?<=[?&])(?:password|passwd|pwd|secret|(?:access[_-]?|auth[_-]?|refresh[_-]?)?token|api[_-]?key|client[_-]?secret|signature|sig|key)[ \t]*=[ \t]*(?<v>[^\s&#;""'<>`]+)")]
    private static partial Regex QueryParameter();

    // Text meant for people (outputs, exception messages, console lines): `Password = hunter2`,
    // `token: abc123`. Not used on code, where `password = ReadIt();` is an assignment.
    [GeneratedRegex(@"(?i)(?<![\w.])(?:password|passwd|pwd|secret|(?:access[_-]?|auth[_-]?)?token|api[_-]?key|client[_-]?secret)[""']?[ \t]*[:=][ \t]*(?<v>[^\s;,""'<>&`(){}\[\]]{4,})")]
    private static partial Regex ProseAssignment();

    // A literal given to a secret-named field: password = "x", "token": "x", Password: 'x'.
    // `=>` only after a quoted name (PHP's 'password' => 'x'): unquoted it is a C# lambda or switch arm.
    [GeneratedRegex(@"(?i)(?:(?:password|passwd|pwd|secret|token|api[_-]?key|community)[""']?\s*(?::|=)|(?:password|passwd|pwd|secret|token|api[_-]?key|community)[""']\s*=>)\s*(?<q>[""'])(?<v>[^""'\r\n]{1,512})\k<q>")]
    private static partial Regex QuotedAssignment();

    // The whole PEM block; an unterminated one (truncated output) goes to the end of its base64.
    [GeneratedRegex(@"(?<v>-----BEGIN (?<t>[A-Z0-9 ]*)PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]*?-----END \k<t>PRIVATE KEY(?: BLOCK)?-----|(?:[A-Za-z0-9+/=:\-,\s]|\\n|\\r)*))")]
    private static partial Regex PrivateKey();
}
