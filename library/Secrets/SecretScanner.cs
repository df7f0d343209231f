namespace Ops.Secrets;

/// <summary>
/// Finds secrets in text: AWS access key ids and secret keys (git-secrets' patterns, AWS's example
/// keys allowed), passwords and tokens in connection strings and assignments, passwords in URLs,
/// Authorization headers and bearer tokens, PEM private keys, and the literal values given to it
/// (secret parameters, <see cref="Secret"/> values).
/// </summary>
public sealed class SecretScanner
{
    /// <summary>Values shorter than this are not matched literally: redacting every "ab" would garble the output.</summary>
    public const int MinimumLiteralLength = 4;

    private readonly List<(string Value, string Kind)> _literals = [];
    private readonly List<System.Text.RegularExpressions.Regex> _allowed = [];
    private readonly bool _includeRegistry;

    /// <param name="includeLiveSecrets">Also match every live <see cref="Secret"/> value of the process.</param>
    public SecretScanner(bool includeLiveSecrets = true) => _includeRegistry = includeLiveSecrets;

    /// <summary>Matches <paramref name="value"/> literally as a secret of <paramref name="kind"/> (ignored when too short).</summary>
    public SecretScanner AddLiteral(string? value, string kind = SecretKind.Parameter)
    {
        if (value is { Length: >= MinimumLiteralLength } && !SecretPatterns.Allowed.Contains(value)) _literals.Add((value, kind));
        return this;
    }

    /// <summary>
    /// Ignores findings on lines matching <paramref name="pattern"/> (git-secrets' <c>.gitallowed</c>:
    /// test fixtures, documented examples).
    /// </summary>
    public SecretScanner AddAllowed(System.Text.RegularExpressions.Regex pattern)
    {
        _allowed.Add(pattern);
        return this;
    }

    /// <summary>
    /// Every secret in <paramref name="text"/>, in order, without overlaps (the earliest, then longest,
    /// wins). <see cref="TextKind.Prose"/> (outputs, messages, console lines) also takes
    /// <c>password = value</c> with spaces, which in code is an ordinary assignment.
    /// </summary>
    public IReadOnlyList<SecretFinding> Scan(string text, TextKind kind = TextKind.Code)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var spans = new List<(int Start, int Length, string Kind)>();
        foreach (var pattern in SecretPatterns.All)
        {
            if (pattern.ProseOnly && kind != TextKind.Prose) continue;
            if (!pattern.MayMatch(text)) continue;
            foreach (System.Text.RegularExpressions.Match m in pattern.Regex.Matches(text))
            {
                var v = m.Groups["v"];
                var group = v.Success ? v : (System.Text.RegularExpressions.Group)m;
                if (group.Length == 0 || SecretPatterns.Allowed.Contains(group.Value)) continue;
                if (LooksLikePlaceholder(group.Value)) continue;
                if (pattern.Kind is SecretKind.Password or SecretKind.UrlPassword && NamesItself(group.Value)) continue;
                spans.Add((group.Index, group.Length, pattern.Kind));
            }
        }
        foreach (var (value, literalKind) in Literals())
        {
            for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
                spans.Add((i, value.Length, literalKind));
        }
        if (spans.Count == 0) return [];

        // Stable: on equal spans the earlier source wins (a pattern's kind, then a given literal's, then a live secret's).
        spans = spans.OrderBy(s => s.Start).ThenByDescending(s => s.Length).ToList();
        var findings = new List<SecretFinding>();
        int end = -1, line = 1, lineCountedTo = 0;
        foreach (var s in spans)
        {
            if (s.Start < end) continue;
            for (; lineCountedTo < s.Start; lineCountedTo++) if (text[lineCountedTo] == '\n') line++;
            if (_allowed.Count > 0 && IsAllowed(text, s.Start)) continue;
            findings.Add(new SecretFinding(s.Kind, s.Start, s.Length, line));
            end = s.Start + s.Length;
        }
        return findings;
    }

    /// <summary>The text with every secret replaced by <c>[REDACTED:kind]</c>; <paramref name="count"/> is how many.</summary>
    public string Redact(string text, out int count, TextKind kind = TextKind.Code)
    {
        var findings = Scan(text, kind);
        count = findings.Count;
        if (count == 0) return text;
        var sb = new System.Text.StringBuilder(text.Length);
        var at = 0;
        foreach (var f in findings)
        {
            sb.Append(text, at, f.Start - at).Append(Marker(f.Kind));
            at = f.End;
        }
        return sb.Append(text, at, text.Length - at).ToString();
    }

    private bool IsAllowed(string text, int at)
    {
        var from = text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1;
        if (at == 0) from = 0;
        var to = text.IndexOf('\n', at);
        var line = text[from..(to < 0 ? text.Length : to)];
        return _allowed.Any(r => r.IsMatch(line));
    }

    /// <summary>
    /// A copy of <paramref name="bundle"/> with every representation redacted (for hosts that
    /// redact outputs as they are shown, such as the kernel when redaction is enabled).
    /// </summary>
    public Ops.Display.MimeBundle Redact(Ops.Display.MimeBundle bundle, out int count)
    {
        count = 0;
        var copy = new Ops.Display.MimeBundle(Redact(bundle.PlainText, out var n));
        count += n;
        foreach (var (mime, value) in bundle)
        {
            if (mime == Ops.Display.MimeTypes.PlainText) continue;
            copy.With(mime, Redact(value, out n));
            count += n;
        }
        return copy;
    }

    public static string Marker(string kind) => $"[REDACTED:{kind}]";

    private IEnumerable<(string Value, string Kind)> Literals()
    {
        foreach (var l in _literals) yield return l;
        if (!_includeRegistry) yield break;
        foreach (var value in SecretRegistry.Values)
            if (value.Length >= MinimumLiteralLength) yield return (value, SecretKind.Secret);
    }

    // "password", "your-password", "url-password", "xxxx": a value that names what goes there is
    // documentation, not a credential.
    private static bool NamesItself(string value)
    {
        var letters = new string(value.Where(char.IsLetter).Select(char.ToLowerInvariant).ToArray());
        if (letters.Length == 0 || letters.All(c => c == 'x')) return true;
        // SNMP's well-known default communities hide nothing (and a scan should not bury real findings under them).
        if (value is "public" or "private") return true;
        // Only the placeholder forms: "hunter2secret" ends in a word too, and is a password.
        foreach (var word in new[] { "password", "passwd", "pwd", "secret", "token", "key", "community", "pass" })
            foreach (var prefix in new[] { "", "your", "my", "the", "url", "db", "example", "dummy", "some", "user", "admin" })
                if (letters == prefix + word) return true;
        return false;
    }

    // Already redacted, or an obvious placeholder a template shows: not a leak.
    private static bool LooksLikePlaceholder(string value) =>
        value.StartsWith("[REDACTED", StringComparison.Ordinal)
        || value is "***" or "****" or "*****" or "******" or "********"
        || (value.StartsWith("${", StringComparison.Ordinal) && value.EndsWith('}'))
        || (value.StartsWith("{{", StringComparison.Ordinal) && value.EndsWith("}}", StringComparison.Ordinal))
        || (value.StartsWith('<') && value.EndsWith('>'));
}
