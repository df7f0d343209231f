using System.Text.RegularExpressions;

namespace Ops.Secrets;

/// <summary>Whether a name (a parameter, a field) looks like it holds a secret.</summary>
public static partial class SecretNames
{
    /// <summary>password, passwd, pwd, secret, token, community, credential anywhere; key at the end (apiKey, secret_key, key).</summary>
    public static bool LooksSecret(string name) => !string.IsNullOrEmpty(name) && SecretName().IsMatch(name);

    [GeneratedRegex(@"(?i)(pass(word|wd)|pwd|secret|token|community|credential|key$|key_|_key)")]
    private static partial Regex SecretName();
}
