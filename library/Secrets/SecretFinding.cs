namespace Ops.Secrets;

/// <summary>
/// One secret found in a text: its kind and where it is (0-based offset and length in the text,
/// 1-based line). The secret itself is deliberately not part of the finding, so printing a
/// finding never prints the secret.
/// </summary>
public sealed record SecretFinding(string Kind, int Start, int Length, int Line)
{
    public int End => Start + Length;
}
