using System.Diagnostics;
using Ops.Kernel.Cli;
using Ops.Kernel.Notebooks;
using Ops.Kernel.Tests.Notebooks;
using Ops.Testing;
using static Ops.Kernel.Tests.Notebooks.TestNotebooks;

namespace Ops.Kernel.Tests.Cli;

/// <summary>
/// A cell that cannot be stopped (catastrophic regex backtracking inside the framework, hours of CPU)
/// fails its notebook at the cell timeout plus the grace period; the notebooks after it run in a
/// fresh process, and `ops run` returns at once. Run as processes: the spinning thread is real.
/// </summary>
public sealed class FreshProcessTests(Xunit.Abstractions.ITestOutputHelper log)
{
    private const string Unstoppable = "System.Text.RegularExpressions.Regex.IsMatch(new string('a', 40) + \"!\", \"^(a+)+$\")";
    private const string PrintPid = "Console.WriteLine(Environment.ProcessId);";

    [Fact]
    public void Arguments_repeat_the_command_line_with_the_skip_after_the_verb_replacing_an_earlier_one()
    {
        var parse = OpsCommandLine.Build().Parse(["run", "x.ipynb", "--timeout", "3", FreshProcess.SkipName, "1", "-o", "o"]);
        Assert.Equal(["run", FreshProcess.SkipName, "4", "x.ipynb", "--timeout", "3", "-o", "o"], FreshProcess.Arguments(parse, [(FreshProcess.SkipName, "4")]));
    }

    [Fact]
    public void Notebooks_after_an_abandoned_cell_run_in_a_fresh_process_and_ops_run_returns_at_once()
    {
        using var temp = ExampleFiles.Temp();
        var dir = Directory.CreateDirectory(Path.Combine(temp.Path, "nb")).FullName;
        Save(dir, "a.ipynb", Code(PrintPid), Code(Unstoppable), Code("\"never\""));
        Save(dir, "b.ipynb", Code(PrintPid), Code("1 + 1"));
        Save(dir, "c.ipynb", Code(PrintPid));
        var output = Path.Combine(temp.Path, "out");
        var missing = Path.Combine(temp.Path, "missing.ipynb");

        var clock = Stopwatch.StartNew();
        var (exit, _, err) = OpsProgram.Run(["run", dir, missing, "--timeout", "5", "--output", output], timeout: TimeSpan.FromSeconds(90));
        var elapsed = clock.Elapsed;
        log.WriteLine(err);

        // The fresh process reports the missing path: 3 outranks the failed cell's 1.
        Assert.True(exit == ExitCodes.InputError, $"exit {exit}\n{err}");
        Assert.Contains("ops run: FAILED at cell 2: CellTimeout", err);
        Assert.Contains("the remaining 3 notebook(s) run in a fresh process", err);
        Assert.Contains("missing.ipynb: no such notebook", err);
        var a = Notebook.Load(Path.Combine(output, "a.ipynb"));
        var stuck = Assert.Single(a.Cells[1].Outputs)!;
        Assert.Equal("CellTimeout", (string?)stuck["ename"]);
        Assert.Contains("keeps using CPU", (string?)stuck["evalue"]);
        Assert.Empty(a.Cells[2].Outputs);
        var b = Notebook.Load(Path.Combine(output, "b.ipynb"));
        Assert.Equal("2", NotebookCell.JoinText(Assert.Single(b.Cells[1].Outputs)!["data"]!["text/plain"]));
        Assert.True(File.Exists(Path.Combine(output, "c.html")));
        int pidA = Pid(a), pidB = Pid(b), pidC = Pid(Notebook.Load(Path.Combine(output, "c.ipynb")));
        Assert.NotEqual(pidA, pidB);
        Assert.Equal(pidB, pidC);
        Assert.False(Directory.Exists($"/proc/{pidA}"), $"the process with the abandoned cell ({pidA}) is still alive");
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"ops run took {elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void An_abandoned_cell_in_the_last_notebook_ends_the_run_at_once_in_the_same_process()
    {
        using var temp = ExampleFiles.Temp();
        var first = Save(temp.Path, "first.ipynb", Code(PrintPid));
        var last = Save(temp.Path, "last.ipynb", Code(PrintPid), Code(Unstoppable));
        var output = Path.Combine(temp.Path, "out");

        var clock = Stopwatch.StartNew();
        var (exit, _, err) = OpsProgram.Run(["run", first, last, "--timeout", "5", "--output", output], timeout: TimeSpan.FromSeconds(90));
        log.WriteLine(err);

        Assert.True(exit == ExitCodes.Finding, $"exit {exit}\n{err}");
        Assert.DoesNotContain("the remaining", err);
        var pid = Pid(Notebook.Load(Path.Combine(output, "first.ipynb")));
        Assert.Equal(pid, Pid(Notebook.Load(Path.Combine(output, "last.ipynb"))));
        Assert.False(Directory.Exists($"/proc/{pid}"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), $"ops run took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void Verify_goes_on_in_a_fresh_process_and_prints_one_summary_of_both()
    {
        using var temp = ExampleFiles.Temp();
        // No outputs stored and none produced: these cells pass verify unless they fail or time out.
        var a = Save(temp.Path, "a.ipynb", Code("File.WriteAllText(\"pid-a\", $\"{Environment.ProcessId}\");"), Code(Unstoppable + ";"));
        var b = Save(temp.Path, "b.ipynb", Code("File.WriteAllText(\"pid-b\", $\"{Environment.ProcessId}\");"));

        var clock = Stopwatch.StartNew();
        var (exit, stdout, err) = OpsProgram.Run(["verify", a, b, "--timeout", "5"], timeout: TimeSpan.FromSeconds(90));
        log.WriteLine(stdout + err);

        Assert.True(exit == ExitCodes.Finding, $"exit {exit}\n{stdout}\n{err}");
        Assert.Contains($"FAIL {a}", stdout);
        Assert.Contains($"PASS {b}", stdout);
        Assert.Equal("ops verify: 1 passed, 1 failed", stdout.TrimEnd().Split('\n')[^1]);
        Assert.Single(stdout.Split('\n'), l => l.StartsWith("ops verify:", StringComparison.Ordinal));
        var pidA = File.ReadAllText(Path.Combine(temp.Path, "pid-a"));
        Assert.NotEqual(pidA, File.ReadAllText(Path.Combine(temp.Path, "pid-b")));
        Assert.False(Directory.Exists($"/proc/{pidA}"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"ops verify took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static int Pid(Notebook notebook) => int.Parse(NotebookCell.JoinText(notebook.Cells[0].Outputs[0]!["text"]).Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
