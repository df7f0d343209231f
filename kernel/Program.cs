using Ops.Kernel.Cli;

// Everything printed is redacted like written files; the interactive REPL draws its own terminal.
var interactiveRepl = args.Length > 0 && args[0] == "repl" && !Console.IsInputRedirected;
RedactingWriter.Install(includeOut: !interactiveRepl);
int code;
try
{
    code = OpsCommandLine.Run(args);
}
finally
{
    Console.Out.Flush();
    Console.Error.Flush();
}
// Cells can leave threads running that .NET cannot stop: a cell abandoned after an interrupt, or a
// foreground thread a cell started. Returning from Main would wait for the foreground ones forever
// (a kernel asked to restart would then be killed); ending the process stops them all.
Environment.Exit(code);
return code;
