using Ops.Kernel.Cli;
using Ops.Testing;
using static Ops.Kernel.Tests.Cli.InProcessOps;

namespace Ops.Kernel.Tests.Cli;

/// <summary>One exit-code table: printed by --help and the README, and unknown options are usage errors for every verb.</summary>
public sealed class ExitCodesTests
{
    [Fact]
    public void Help_and_the_readme_print_the_same_table()
    {
        var (exit, help, _) = Run("--help");
        Assert.Equal(0, exit);
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        Assert.Contains("## Exit codes", readme);
        foreach (var (code, meaning) in ExitCodes.Table)
        {
            Assert.Contains($"  {code}  {meaning}", help);
            Assert.Contains($"| {code} | {meaning} |", readme);
        }
        // Every verb's help ends with it too.
        Assert.Contains("  5  " + ExitCodes.Table[5].Meaning, Run("wlc", "radar", "--help").Out);
    }

    [Fact]
    public void An_exception_no_verb_expected_is_one_line_and_exit_70_without_a_stack_trace()
    {
        var file = Path.GetTempFileName();
        try
        {
            // A finding makes scan write to stdout; the pieces keep this source itself clean.
            File.WriteAllText(file, "Server=db;" + "Pass" + "word=hunter2xyz;\n");
            var error = new StringWriter();
            // A broken stdout (a closed pipe the verb did not expect) stands in for any bug.
            var exit = OpsCommandLine.Run(["scan", file], new System.CommandLine.InvocationConfiguration { Output = new BrokenWriter(), Error = error });
            Assert.Equal(ExitCodes.InternalError, exit);
            Assert.Contains("ops scan: internal error: InvalidOperationException: stdout is gone", error.ToString());
            Assert.Contains("this is a bug in ops", error.ToString());
            Assert.DoesNotContain("hunter2xyz", error.ToString());
            AssertNoStackTrace(error.ToString());
        }
        finally { File.Delete(file); }
    }

    private sealed class BrokenWriter : StringWriter
    {
        public override void Write(char value) => throw new InvalidOperationException("stdout is gone");
        public override void Write(string? value) => throw new InvalidOperationException("stdout is gone");
        public override void WriteLine(string? value) => throw new InvalidOperationException("stdout is gone");
    }

    [Theory]
    [InlineData("run", "x.ipynb")]
    [InlineData("verify", "x.ipynb")]
    [InlineData("export", "x.ipynb", "--html")]
    [InlineData("scan", "x")]
    [InlineData("bq", "hygiene", "x.tsv")]
    [InlineData("bq", "check", "--schema", "s.json", "--files", "a.json")]
    [InlineData("bq", "route", "--config", "c.yaml", "x.log")]
    [InlineData("wlc", "overview", "--recorded", "x")]
    [InlineData("wlc", "radar", "--recorded", "x")]
    [InlineData("memory", "triage", "--vmstat", "x", "--kills", "y")]
    [InlineData("aurora", "analyze", "x.json")]
    [InlineData("aurora", "probe", "--writer", "h", "--user", "u", "--database", "d")]
    [InlineData("jupyter", "install", "--path", "x")]
    [InlineData("kernel", "-f", "x.json")]
    [InlineData("repl")]
    public void An_unknown_option_is_a_usage_error_for_every_verb(params string[] args)
    {
        foreach (var bogus in new[] { "--bogus", "-z" })
        {
            var (exit, output, err) = Run([.. args, bogus]);
            Assert.True(exit == ExitCodes.Usage, $"ops {string.Join(' ', args)} {bogus}: exit {exit}; {err}");
            Assert.Contains(bogus, err);
            Assert.Equal("", output.Trim());
            AssertNoStackTrace(err);
        }
    }
}
