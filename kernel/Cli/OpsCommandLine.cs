using System.CommandLine;

namespace Ops.Kernel.Cli;

/// <summary>The root command: verbs, --version and --help.</summary>
internal static class OpsCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "ops: a C# notebook kernel, REPL and headless notebook runner for infrastructure investigations, " +
            "with the ops library (memory triage, Aurora failover timing, WLC radar recovery, BigQuery load checks) preloaded.");
        foreach (var verb in Verbs.All()) root.Subcommands.Add(verb);
        return root;
    }

    public static int Run(string[] args)
    {
        var parse = Build().Parse(args);
        // The REPL and the kernel handle Ctrl+C themselves (interrupt the cell, keep the session),
        // so System.CommandLine must not turn SIGINT into process termination.
        return parse.Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
