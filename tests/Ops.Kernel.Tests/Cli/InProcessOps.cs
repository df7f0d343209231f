using System.CommandLine;
using Ops.Kernel.Cli;

namespace Ops.Kernel.Tests.Cli;

/// <summary>Runs the ops command line in this process, capturing what the verbs write (through InvocationConfiguration).</summary>
internal static class InProcessOps
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = OpsCommandLine.Run(args, new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A .NET stack trace line ("   at Namespace.Type.Method(...)").</summary>
    public static void AssertNoStackTrace(string text) =>
        Assert.DoesNotContain(text.Split('\n'), line => line.StartsWith("   at ", StringComparison.Ordinal));
}
