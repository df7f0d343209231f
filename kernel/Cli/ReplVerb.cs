using System.CommandLine;
using Ops.Kernel.Scripting;

namespace Ops.Kernel.Cli;

/// <summary><c>ops repl</c>: the engine in a terminal, or a script from piped stdin.</summary>
internal static class ReplVerb
{
    public static Command Create()
    {
        var command = new Command("repl",
            "Interactive C# session with the ops library loaded. With stdin piped, runs the input, prints each result, " +
            "and exits 0, or 1 at the first error (the error is printed). Example: echo 'var x = 20; x + 22' | ops repl");
        command.SetAction((_, cancellationToken) => RunAsync(cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var engine = new ScriptEngine();
        var output = ConsoleCapture.OriginalOut;
        var error = ConsoleCapture.OriginalError;
        var repl = new Repl.Repl(engine, output, error);
        if (Console.IsInputRedirected)
            return await repl.RunScriptAsync(ConsoleCapture.OriginalIn, cancellationToken).ConfigureAwait(false);
        return await repl.RunInteractiveAsync().ConfigureAwait(false);
    }
}
