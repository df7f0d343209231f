using Ops.Testing;

namespace Ops.Kernel.Tests.Repl;

public class ReplTests
{
    [Fact]
    public void Piped_input_prints_results_and_exits_zero()
    {
        var (exit, stdout, _) = OpsProgram.Run(new[] { "repl" }, "var x = 20; x + 22\n");
        Assert.Equal(0, exit);
        Assert.Equal("42", stdout.Trim());
    }

    [Fact]
    public void Piped_input_stops_at_the_first_error_with_exit_one()
    {
        var (exit, stdout, stderr) = OpsProgram.Run(new[] { "repl" },
            "Console.WriteLine(\"before\");\nthrow new InvalidOperationException(\"stop here\");\nConsole.WriteLine(\"after\");\n");
        Assert.Equal(1, exit);
        Assert.Contains("before", stdout);
        Assert.DoesNotContain("after", stdout);
        Assert.Contains("stdin line 2", stderr);
        Assert.Contains("System.InvalidOperationException: stop here", stderr);
    }

    [Fact]
    public void Multi_line_submissions_continue_until_complete()
    {
        var (exit, stdout, _) = OpsProgram.Run(new[] { "repl" }, "int Twice(int n)\n{\n    return 2 * n;\n}\nTwice(21)\n");
        Assert.Equal(0, exit);
        Assert.Equal("42", stdout.Trim());
    }

    [Fact]
    public void Piped_scripts_are_split_by_syntax_so_finally_help_and_using_var_work()
    {
        var (exit, stdout, stderr) = OpsProgram.Run(new[] { "repl" },
            "#help\n" +
            "try { Console.WriteLine(\"try\"); } catch { }\nfinally { Console.WriteLine(\"finally\"); }\n" +
            "class Noisy : IDisposable { public void Dispose() => Console.WriteLine(\"disposed\"); }\n" +
            "using var n = new Noisy();\nConsole.WriteLine(\"after\");\n1 + 1\n");
        Assert.True(exit == 0, stderr);
        Assert.Contains("ops repl:", stdout);
        var lines = stdout[stdout.IndexOf("try\n", StringComparison.Ordinal)..].Trim().Split('\n');
        // The using variable lives to the end of the input: disposed after the rest of the code ran (the value
        // of the last submission prints when it has ended).
        Assert.Equal(["try", "finally", "after", "disposed", "2"], lines);
    }

    [Fact]
    public void Tables_render_as_aligned_text()
    {
        var (_, stdout, _) = OpsProgram.Run(new[] { "repl" }, "new Table(\"AP\", \"Clients\").AddRow(\"AP1\", 31)\n");
        Assert.Equal("| AP  | Clients |\n| AP1 | 31      |", stdout.Trim());
    }

    [Fact]
    public void Every_verb_has_help_and_the_version_prints()
    {
        var (exit, stdout, _) = OpsProgram.Run(new[] { "--version" });
        Assert.Equal(0, exit);
        Assert.Matches(@"^\d+\.\d+\.\d+", stdout.Trim());
        var (helpExit, help, _) = OpsProgram.Run(new[] { "--help" });
        Assert.Equal(0, helpExit);
        var verbs = help.Split("Commands:")[1].Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Trim().Split(' ')[0]).Where(v => v.Length > 0 && char.IsLetter(v[0])).ToList();
        Assert.Contains("repl", verbs);
        foreach (var verb in verbs)
        {
            var (code, text, _) = OpsProgram.Run(new[] { verb, "--help" });
            Assert.True(code == 0 && text.Contains("Usage:"), $"ops {verb} --help failed: {text}");
        }
    }

    private static TmuxSession StartInteractive() =>
        new($"dotnet {OpsProgram.Dll} repl", environment: new Dictionary<string, string>
        {
            ["NO_COLOR"] = "1",
            ["XDG_DATA_HOME"] = Directory.CreateTempSubdirectory("ops-repl-home-").FullName,
        });

    [PeerFact("tmux")]
    public void Tab_completes_members_in_a_terminal()
    {
        using var tmux = StartInteractive();
        Assert.Contains("#help", tmux.WaitFor("Ctrl+D to exit", TimeSpan.FromSeconds(30)));
        tmux.Type("var aps = new List<string> { \"AP1\" };");
        tmux.Press("Enter");
        tmux.WaitFor("};\n>", TimeSpan.FromSeconds(30));
        tmux.Type("aps.Cou");
        tmux.Press("Tab");
        var screen = tmux.WaitFor("aps.Count", TimeSpan.FromSeconds(20));
        Assert.True(screen.Contains("> aps.Count"), screen);
        tmux.Press("Enter");
        Assert.Contains("1", tmux.WaitFor("\n1\n", TimeSpan.FromSeconds(20)).Split("aps.Count")[1]);
    }

    /// <summary>
    /// A session that answered `var kept = 41;` (so the engine is warm and Ctrl+C reaches the next
    /// submission), then <paramref name="running"/> submitted and interrupted 1.5 s later.
    /// </summary>
    private static TmuxSession InterruptedAfterWarmUp(string running)
    {
        var tmux = StartInteractive();
        tmux.WaitFor("Ctrl+D to exit", TimeSpan.FromSeconds(30));
        tmux.Type("var kept = 41;");
        tmux.Press("Enter");
        tmux.WaitFor("41;\n>", TimeSpan.FromSeconds(30));
        tmux.Type(running);
        tmux.Press("Enter");
        Thread.Sleep(1500);
        tmux.Press("C-c");
        return tmux;
    }

    /// <summary>Presses Ctrl+D; true when the REPL process has ended within 10 s.</summary>
    private static bool ExitsOnCtrlD(TmuxSession tmux)
    {
        tmux.Press("C-d");
        var until = DateTime.UtcNow.AddSeconds(10);
        while (tmux.IsAlive() && DateTime.UtcNow < until) Thread.Sleep(100);
        return !tmux.IsAlive();
    }

    [PeerFact("tmux")]
    public void Ctrl_C_interrupts_a_running_cell_and_the_session_goes_on_then_Ctrl_D_exits()
    {
        using var tmux = InterruptedAfterWarmUp("while (true) { }");
        var interrupted = tmux.WaitFor("interrupted", TimeSpan.FromSeconds(10));
        Assert.True(interrupted.Contains("interrupted"), interrupted);
        tmux.Type("kept + 1");
        tmux.Press("Enter");
        var answered = tmux.WaitFor("\n42", TimeSpan.FromSeconds(20));
        Assert.True(answered.Contains("\n42"), answered);
        Assert.True(ExitsOnCtrlD(tmux), "the REPL did not exit on Ctrl+D");
    }

    [PeerFact("tmux")]
    public void A_submission_that_cannot_be_stopped_is_reported_with_how_to_end_it()
    {
        // Backtracking inside the BCL's regex engine never looks at our token.
        using var tmux = InterruptedAfterWarmUp("System.Text.RegularExpressions.Regex.IsMatch(new string('a', 40) + \"!\", \"^(a+)+$\")");
        var stuck = tmux.WaitFor("start `ops repl` again", TimeSpan.FromSeconds(20));
        Assert.Contains("cannot be stopped", stuck);
        tmux.Type("1 + 1");
        tmux.Press("Enter");
        var next = tmux.WaitFor("\n2", TimeSpan.FromSeconds(20));
        Assert.Contains("1 abandoned submission is still running", next);
        Assert.True(ExitsOnCtrlD(tmux), "the REPL did not exit on Ctrl+D with a spinning thread");
    }
}
