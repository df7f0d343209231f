namespace Ops.Secrets;

/// <summary>What a scanned text is, which decides how loosely an assignment of a secret is read.</summary>
public enum TextKind
{
    /// <summary>Source code and files of any kind: only quoted literals and connection strings count.</summary>
    Code,

    /// <summary>Text for people (outputs, messages, logs, console lines): <c>Password = hunter2</c> counts too.</summary>
    Prose,
}
