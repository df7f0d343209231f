using Ops.Kernel.Cli;
using Ops.Kernel.Notebooks;
using static Ops.Kernel.Tests.Notebooks.TestNotebooks;

namespace Ops.Kernel.Tests.Notebooks;

[Collection(RunnerCollection.Name)]
public class RedactionTests
{
    private const string AccessKey = "AKIAZ7QWERTYUIOPASDF";
    private const string SecretKey = "Zx9/Kq2+abcdEFGHijklMNOPqrstUVWXyz012345";
    private const string Pem = "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEAxyz\\n-----END RSA PRIVATE KEY-----";

    private static Notebook Leaky() => Create("leaky.ipynb",
        Code("string dbPassword = \"\";\nstring host = \"db1\";", "parameters"),
        // stream
        Code($"Console.WriteLine(\"key {AccessKey}\");\nConsole.WriteLine(\"aws_secret_access_key = {SecretKey}\");\nConsole.WriteLine(\"{Pem}\");"),
        // display_data and execute_result
        Code("display(\"Server=db1;Uid=app;Pwd=\" + dbPassword + \";\");\n\"Authorization: Bearer abcdef0123456789xyz\""),
        // value of a Secret created in the cell
        Code("Environment.SetEnvironmentVariable(\"OPS_RUNNER_TEST_SECRET\", \"env-secret-4711\");\nvar s = Secret.FromEnv(\"OPS_RUNNER_TEST_SECRET\");\nConsole.WriteLine($\"masked {s}, leaked {s.Reveal()}\");"),
        // AWS's documented examples stay
        Code("Console.WriteLine(\"AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\");"),
        // error output
        Code("throw new Exception(\"cannot connect to mysql://app:hunter2x@db1/ops\");"));

    private static RunOptions Options(bool redact = true) => new()
    {
        Parameters = new Dictionary<string, ParameterInput> { ["dbPassword"] = ParameterInput.FromText("pa55-from-cli", "-p") },
        Redact = redact,
        AllowErrors = true,
    };

    [Fact]
    public async Task Secrets_are_redacted_in_stream_display_error_source_and_metadata()
    {
        var result = await NotebookRunner.RunAsync(Leaky(), Options());
        var text = result.Notebook.Serialize();
        foreach (var secret in new[] { AccessKey, SecretKey, "MIIEowIBAAKCAQEAxyz", "pa55-from-cli", "abcdef0123456789xyz", "env-secret-4711", "hunter2x" })
            Assert.DoesNotContain(secret, text);
        var cells = result.Notebook.Cells;
        var stream = NotebookCell.JoinText(cells[2].Outputs[0]!["text"]);
        Assert.Contains("key [REDACTED:aws-access-key-id]", stream);
        Assert.Contains("aws_secret_access_key = [REDACTED:aws-secret-access-key]", stream);
        Assert.Contains("[REDACTED:private-key]", stream);
        Assert.Contains("Pwd=[REDACTED:", NotebookCell.JoinText(cells[3].Outputs[0]!["data"]!["text/plain"]));
        Assert.Contains("Bearer [REDACTED:authorization]", NotebookCell.JoinText(cells[3].Outputs[1]!["data"]!["text/plain"]));
        Assert.Contains("string dbPassword = \"[REDACTED:", cells[1].Source);
        Assert.Equal("[REDACTED:parameter]", (string?)result.Notebook.Metadata["ops"]!["parameters"]!["dbPassword"]);
        Assert.Contains("masked Secret(env:OPS_RUNNER_TEST_SECRET, ********), leaked [REDACTED:secret]", NotebookCell.JoinText(cells[4].Outputs[0]!["text"]));
        Assert.Equal("AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", NotebookCell.JoinText(cells[5].Outputs[0]!["text"]));
        var error = cells[6].Outputs[0]!;
        Assert.Equal("cannot connect to mysql://app:[REDACTED:url-password]@db1/ops", (string?)error["evalue"]);
        Assert.DoesNotContain("hunter2x", error["traceback"]!.ToJsonString());
        Assert.True(result.Redactions >= 8, $"{result.Redactions} redactions");
    }

    [Fact]
    public async Task No_redact_is_the_only_way_to_keep_secrets()
    {
        var result = await NotebookRunner.RunAsync(Leaky(), Options(redact: false));
        var text = result.Notebook.Serialize();
        Assert.Contains(AccessKey, text);
        Assert.Contains("pa55-from-cli", text);
        Assert.Equal(0, result.Redactions);
        Assert.Equal("off (--no-redact)", (string?)result.Notebook.Metadata["ops"]!["run"]!["redaction"]);
    }

    [Fact]
    public void Scan_exit_codes_and_findings_without_the_secret()
    {
        using var temp = ExampleFiles.Temp();
        var clean = temp.Write("clean/notes.md", "AKIAIOSFODNN7EXAMPLE is AWS's documented example.\n");
        var nb = Create(Path.Combine(temp.Path, "dirty", "nb.ipynb"), Markdown("# x"), Code("var x = 1;"));
        nb.Cells[1].Outputs.Add(new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = "stdout", ["output_type"] = "stream", ["text"] = NotebookCell.SplitLines("ok\nkey " + AccessKey + "\n"),
        });
        nb.Save(nb.Path);
        temp.Write("dirty/app.config", "line one\nServer=db;Password=s3cr3tpw;\n");

        Assert.Equal(0, OpsCommandLine.Run(["scan", Path.GetDirectoryName(clean)!]));
        var findings = SecretScan.Files([Path.Combine(temp.Path, "dirty")]).SelectMany(SecretScan.ScanFile).Select(f => f.ToString()).ToList();
        Assert.Contains($"{Path.Combine(temp.Path, "dirty", "app.config")}:2:password", findings);
        Assert.Contains($"{nb.Path}:2:2:aws-access-key-id (output 1)", findings);
        Assert.DoesNotContain(findings, f => f.Contains(AccessKey) || f.Contains("s3cr3tpw"));
        Assert.Equal(1, OpsCommandLine.Run(["scan", clean, Path.Combine(temp.Path, "dirty")]));
        Assert.Equal(3, OpsCommandLine.Run(["scan", Path.Combine(temp.Path, "missing")]));

        // git-secrets' .gitallowed: findings on matching lines are ignored (test fixtures).
        temp.Write("dirty/.gitallowed", "# fixtures\nPassword=s3cr3tpw\nkey AKIA[A-Z0-9]{16}\n");
        Assert.Equal(0, OpsCommandLine.Run(["scan", Path.Combine(temp.Path, "dirty")]));
    }
}
