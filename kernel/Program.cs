using Ops.Kernel.Cli;

// Everything printed is redacted like written files; the interactive REPL draws its own terminal.
var interactiveRepl = args.Length > 0 && args[0] == "repl" && !Console.IsInputRedirected;
RedactingWriter.Install(includeOut: !interactiveRepl);
try
{
    return OpsCommandLine.Run(args);
}
finally
{
    Console.Out.Flush();
    Console.Error.Flush();
}
