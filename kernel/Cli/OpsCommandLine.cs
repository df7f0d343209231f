using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Reflection;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Cli;

/// <summary>The root command: verbs, --version and --help (which ends with the exit-code table).</summary>
internal static class OpsCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "ops: a C# notebook kernel, REPL and headless notebook runner for infrastructure investigations, " +
            "with the ops library (memory triage, Aurora failover timing, WLC radar recovery, BigQuery load checks) preloaded.");
        foreach (var verb in Verbs.All()) root.Subcommands.Add(verb);
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction standard) help.Action = new HelpWithExitCodes(standard);
        return root;
    }

    public static int Run(string[] args) => Run(args, new InvocationConfiguration());

    /// <summary>
    /// Parses and runs; verbs write to <paramref name="configuration"/>'s Output and Error, so a test
    /// can capture them. Parse errors and unknown options are usage errors (exit 2), for every verb.
    /// </summary>
    public static int Run(string[] args, InvocationConfiguration configuration)
    {
        // The REPL and the kernel handle Ctrl+C themselves (interrupt the cell, keep the session),
        // so System.CommandLine must not turn SIGINT into process termination.
        configuration.ProcessTerminationTimeout = null;
        var parse = Build().Parse(args);
        if (parse.Action is not HelpAction and not HelpWithExitCodes && UnknownOption(parse) is { } unknown)
        {
            configuration.Error.WriteLine($"ops {CommandPath(parse)}: unknown option '{unknown}'; see ops {CommandPath(parse)} --help");
            return ExitCodes.Usage;
        }
        // Verbs report what they expect themselves; anything else is a bug, said in one line
        // (already redacted by the console writer) instead of System.CommandLine's stack trace.
        configuration.EnableDefaultExceptionHandler = false;
        int code;
        try
        {
            code = parse.Invoke(configuration);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var inner = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e;
            configuration.Error.WriteLine($"ops {CommandPath(parse)}: internal error: {inner.GetType().Name}: {inner.Message}");
            configuration.Error.WriteLine($"  this is a bug in ops {ProductVersion.Current}; please report it with this message and the command line");
            return ExitCodes.InternalError;
        }
        return parse.Errors.Count > 0 && parse.Action is ParseErrorAction ? ExitCodes.Usage : code;
    }

    /// <summary>
    /// A token that looks like an option but was taken as a value (an option that accepts several
    /// values swallows <c>--bogus</c> as one of them). Negative numbers and tokens after <c>--</c> are values.
    /// </summary>
    internal static string? UnknownOption(ParseResult parse)
    {
        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash) return null;
            if (token.Type != TokenType.Argument) continue;
            var v = token.Value;
            if (v.Length > 1 && v[0] == '-' && (char.IsLetter(v[1]) || (v[1] == '-' && v.Length > 2))) return v;
        }
        return null;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r is not null && r.Command is not RootCommand; r = r.Parent as CommandResult) names.Insert(0, r.Command.Name);
        return string.Join(' ', names);
    }

    /// <summary>The standard help, then the exit-code table every verb follows.</summary>
    private sealed class HelpWithExitCodes(HelpAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            standard.Invoke(parseResult);
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine("Exit codes:");
            foreach (var (code, meaning) in ExitCodes.Table) output.WriteLine($"  {code}  {meaning}");
            output.WriteLine();
            return ExitCodes.Success;
        }
    }
}
