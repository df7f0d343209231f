using Ops.Kernel.Cli;
using System.Text.Json.Nodes;
using Ops.Kernel.Notebooks;
using Ops.Testing;
using static Ops.Kernel.Tests.Notebooks.TestNotebooks;

namespace Ops.Kernel.Tests.Cli;

/// <summary>What `ops` prints goes to CI logs: it is redacted like the files it writes.</summary>
public class ConsoleRedactionTests
{
    [Fact]
    public void Ops_run_prints_no_secret_from_sources_exception_messages_or_the_command_line()
    {
        using var temp = Ops.Kernel.Tests.Notebooks.ExampleFiles.Temp();
        var path = Save(temp.Path, "leaky.ipynb",
            Code("var cs = \"Server=db;Password=hunter2xyz;\"; // AKIAZ7QWERTYUIOPASDF\nConsole.Write(\"Pass\"); Console.Write(\"word=\"); Console.WriteLine(Environment.GetEnvironmentVariable(\"LEAK\") + \";\");"),
            Code("throw new Exception(\"boom Password=hunter2xyz; key AKIAZ7QWERTYUIOPASDF at /api?token = abc123secret\");"));
        var (code, stdout, stderr) = OpsProgram.Run(["run", path, "--output", Path.Combine(temp.Path, "out"), "--html"],
            environment: new Dictionary<string, string> { ["LEAK"] = "hunter2abc" });
        Assert.Equal(ExitCodes.Finding, code);
        var console = stdout + stderr;
        Assert.Contains("FAILED at cell 2: Exception: boom Password=[REDACTED:password]", console);
        Assert.Contains("[cell 1/2] ok", console);
        foreach (var secret in new[] { "hunter2xyz", "AKIAZ7QWERTYUIOPASDF", "abc123secret", "hunter2abc" })
        {
            Assert.DoesNotContain(secret, console);
            Assert.DoesNotContain(secret, File.ReadAllText(Path.Combine(temp.Path, "out", "leaky.ipynb")));
            Assert.DoesNotContain(secret, File.ReadAllText(Path.Combine(temp.Path, "out", "leaky.html")));
        }

        // A usage error echoes the argument it did not understand.
        var usage = OpsProgram.Run(["run", path, "--Password=hunter2xyz"]);
        Assert.Equal(ExitCodes.Usage, usage.ExitCode);
        Assert.DoesNotContain("hunter2xyz", usage.Stdout + usage.Stderr);
        Assert.Contains("Password=[REDACTED:password]", usage.Stdout + usage.Stderr);
    }
}
