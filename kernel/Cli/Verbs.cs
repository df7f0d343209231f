using System.CommandLine;

namespace Ops.Kernel.Cli;

/// <summary>Every verb of the ops command line. Each verb lives in its own file.</summary>
internal static class Verbs
{
    public static IEnumerable<Command> All() =>
    [
        ReplVerb.Create(),
        RunVerb.Create(),
        VerifyVerb.Create(),
        ExportVerb.Create(),
        ScanVerb.Create(),
        BigQueryVerb.Create(),
        WlcVerb.Create(),
        MemoryVerb.Create(),
        KernelVerb.Create(),
        JupyterVerb.Create(),
        AuroraVerb.Create(),
        MigrateVerb.Create(),
    ];
}
