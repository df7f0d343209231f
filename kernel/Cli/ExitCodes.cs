namespace Ops.Kernel.Cli;

/// <summary>
/// The one exit-code table every verb follows (README "Exit codes" and <c>ops --help</c> print it).
/// A finding is 1 so that <c>ops scan</c> and <c>ops verify</c> work as pre-commit hooks and CI steps
/// the way git-secrets and diff do; usage is 2 as in getopt/argparse tools.
/// </summary>
public static class ExitCodes
{
    /// <summary>Done, nothing found.</summary>
    public const int Success = 0;

    /// <summary>A finding: a check failed, a secret was found, verify saw a difference, a cell failed.</summary>
    public const int Finding = 1;

    /// <summary>The command line is wrong: unknown option, missing or malformed argument.</summary>
    public const int Usage = 2;

    /// <summary>An input cannot be read: missing, unreadable, wrong format, truncated.</summary>
    public const int InputError = 3;

    /// <summary>A peer (controller, database, kernel client, registry) cannot be reached.</summary>
    public const int Unreachable = 4;

    /// <summary>A change to a device was not confirmed, so nothing was changed.</summary>
    public const int NotConfirmed = 5;

    /// <summary>
    /// ops itself failed: an exception no verb expected (a bug). 70 is BSD sysexits' EX_SOFTWARE, far
    /// from the codes above so a script never mistakes a crash for a finding.
    /// </summary>
    public const int InternalError = 70;

    /// <summary>One exit code for several inputs: any problem outranks success, and a higher code (unreadable input) a lower one (a failed cell).</summary>
    public static int Worst(int a, int b) => a == Success ? b : b == Success ? a : Math.Max(a, b);

    /// <summary>The lines README and <c>ops --help</c> show.</summary>
    public static readonly (int Code, string Meaning)[] Table =
    [
        (Success, "success"),
        (Finding, "a finding: check failed, secret found, verify difference, cell failed"),
        (Usage, "usage error: unknown option, missing or malformed argument"),
        (InputError, "an input cannot be read: missing, unreadable, wrong format, truncated"),
        (Unreachable, "a peer (controller, database, server) cannot be reached"),
        (NotConfirmed, "a change was not confirmed; nothing was changed"),
        (InternalError, "ops itself failed (a bug): the message says what to report"),
    ];
}
