using System.CommandLine;
using System.Text.Json.Nodes;
using Ops.Aurora;
using Ops.Kernel.Cli;

namespace Ops.Kernel.Tests.Cli;

public class AuroraVerbTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = OpsCommandLine.Build().Parse(args).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string RunFile(string writer, string reader)
    {
        var start = new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);
        var attempts = new List<ProbeAttempt>();
        foreach (var (role, outcomes) in new[] { (ProbeRole.Writer, writer), (ProbeRole.Reader, reader) })
            for (var i = 0; i < outcomes.Length; i++)
                attempts.Add(new ProbeAttempt
                {
                    Role = role, Sequence = i, ScheduledAt = start.AddSeconds(i), StartedAt = start.AddSeconds(i),
                    Outcome = outcomes[i] switch { '.' => AttemptOutcome.Ok, 'O' => AttemptOutcome.ReadOnly, _ => AttemptOutcome.Refused },
                });
        var path = Path.Combine(Path.GetTempPath(), $"ops-aurora-{Guid.NewGuid():N}.json");
        new ProbeRun { Label = "t", IntervalMs = 1000, Attempts = attempts }.Save(path);
        return path;
    }

    [Fact]
    public void Analyze_json_follows_the_contract()
    {
        var one = RunFile("..RRRROO.....", "..RR.R.R.....");
        var two = RunFile("...RR........", ".............");
        try
        {
            var (code, output, error) = Run("aurora", "analyze", one, two, "--json");
            Assert.True(code == 0, error);
            var trials = JsonNode.Parse(output)!["trials"]!.AsArray();
            Assert.Equal(2, trials.Count);
            Assert.Equal(6.0, trials[0]!["writer"]!["downtimeSeconds"]!.GetValue<double>());
            Assert.Equal(2.0, trials[0]!["writer"]!["readOnlySeconds"]!.GetValue<double>());
            Assert.Equal(6.0, trials[0]!["reader"]!["downtimeSeconds"]!.GetValue<double>());
            Assert.Equal(2.0, trials[1]!["writer"]!["downtimeSeconds"]!.GetValue<double>());
            Assert.Equal(0.0, trials[1]!["reader"]!["downtimeSeconds"]!.GetValue<double>());
        }
        finally
        {
            File.Delete(one);
            File.Delete(two);
        }
    }

    [Fact]
    public void Analyze_prints_the_seed_style_table()
    {
        var one = RunFile("..RRRROO.....", ".............");
        try
        {
            var (code, output, _) = Run("aurora", "analyze", one);
            Assert.Equal(0, code);
            Assert.Contains("| writer ", output);
            Assert.Contains("| mean |", output);
        }
        finally { File.Delete(one); }
    }

    [Fact]
    public void Analyze_of_a_missing_file_names_it_and_fails()
    {
        var (code, _, error) = Run("aurora", "analyze", "/nonexistent/run.json");
        Assert.Equal(2, code);
        Assert.Contains("/nonexistent/run.json", error);
    }

    [Fact]
    public void Probe_refuses_an_unset_password_variable_without_connecting()
    {
        var (code, _, error) = Run("aurora", "probe", "--writer", "127.0.0.1:1", "--user", "u", "--database", "d", "--password-env", "OPS_TEST_UNSET_VARIABLE_X");
        Assert.Equal(2, code);
        Assert.Contains("OPS_TEST_UNSET_VARIABLE_X", error);
    }

    [Fact]
    public void Probe_out_naming_a_directory_is_a_usage_error_before_probing_without_a_stack_trace()
    {
        var dir = Directory.CreateTempSubdirectory("ops-aurora-out-").FullName;
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            // A closed port and a 10 s duration: reaching the probe would take 10 s and print a table.
            var (code, output, error) = Run("aurora", "probe", "--writer", $"127.0.0.1:{Ops.Testing.FreePort.Tcp()}", "--user", "u", "--database", "d",
                "--duration", "10s", "--out", dir);
            Assert.Equal(ExitCodes.Usage, code);
            Assert.Contains($"--out {dir}: is a directory", error);
            Assert.Contains("trial-1.json", error);
            Assert.DoesNotContain("   at ", error);
            Assert.Equal("", output);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}: it probed first");
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Probe_writes_the_run_file_it_names_and_no_temp_file()
    {
        var dir = Directory.CreateTempSubdirectory("ops-aurora-out-").FullName;
        try
        {
            var path = Path.Combine(dir, "trial.json");
            var (code, _, error) = Run("aurora", "probe", "--writer", $"127.0.0.1:{Ops.Testing.FreePort.Tcp()}", "--user", "u", "--database", "d",
                "--count", "2", "--interval", "50ms", "--attempt-timeout", "500ms", "--quiet", "--out", path);
            Assert.True(code == ExitCodes.Success, error);
            var run = ProbeRun.Load(path);
            Assert.Equal(2, run.Of(ProbeRole.Writer).Count());
            Assert.All(run.Attempts, a => Assert.Equal(AttemptOutcome.Refused, a.Outcome));
            Assert.Equal(["trial.json"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Probe_has_no_password_option()
    {
        var (code, _, _) = Run("aurora", "probe", "--writer", "h", "--user", "u", "--database", "d", "--password", "secret");
        Assert.NotEqual(0, code);
    }

    [Theory]
    [InlineData("db.example:3307", "db.example", 3307)]
    [InlineData("db.example", "db.example", 3306)]
    [InlineData("[::1]:3310", "::1", 3310)]
    [InlineData("10.0.0.5", "10.0.0.5", 3306)]
    public void Endpoints_parse_with_default_port(string text, string host, int port) =>
        Assert.Equal((host, port), AuroraVerb.ParseEndpoint(text));

    [Theory]
    [InlineData("100ms", 100)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120000)]
    [InlineData("3", 3000)]
    public void Durations_parse_with_units(string text, double ms) =>
        Assert.Equal(ms, AuroraVerb.ParseDuration(text, "--interval").TotalMilliseconds);
}
