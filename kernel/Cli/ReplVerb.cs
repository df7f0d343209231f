using System.CommandLine;

namespace Ops.Kernel.Cli;

/// <summary><c>ops repl</c>: the engine in a terminal, or a script from piped stdin.</summary>
internal static class ReplVerb
{
    public static Command Create()
    {
        var command = new Command("repl", "Interactive C# session with the ops library loaded. With piped stdin, runs the input, prints results and exits (1 at the first error).");
        command.SetAction(_ => 0);
        return command;
    }
}
