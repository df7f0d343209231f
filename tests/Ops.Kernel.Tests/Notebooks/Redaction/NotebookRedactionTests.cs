using System.Text.Json.Nodes;
using Ops.Kernel.Notebooks;
using Ops.Secrets;
using static Ops.Kernel.Tests.Notebooks.TestNotebooks;

namespace Ops.Kernel.Tests.Notebooks;

public class NotebookRedactionTests
{
    // kind, text carrying the secret, the secret itself
    public static readonly TheoryData<string, string, string> Secrets = new()
    {
        { SecretKind.AwsAccessKeyId, "id AKIAZ7QWERTYUIOPASDF end", "AKIAZ7QWERTYUIOPASDF" },
        { SecretKind.AwsSecretAccessKey, "aws_secret_access_key=Zx9/Kq2+abcdEFGHijklMNOPqrstUVWXyz012345", "Zx9/Kq2+abcdEFGHijklMNOPqrstUVWXyz012345" },
        { SecretKind.Password, "Server=db;Password=c0nnstr-pw;", "c0nnstr-pw" },
        { SecretKind.UrlPassword, "https://admin:url-pa55@wlc1.example/api", "url-pa55" },
        { SecretKind.Authorization, "Authorization: Basic YWRtaW46c2VjcmV0MTIz", "YWRtaW46c2VjcmV0MTIz" },
        { SecretKind.PrivateKey, "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkeyMaterial\n-----END EC PRIVATE KEY-----\n", "MHcCAQEEIBkeyMaterial" },
        { SecretKind.Secret, "value registry-s3cret-77 leaked", "registry-s3cret-77" },
    };

    private static (Notebook Notebook, Func<string> Where)[] Placements(string text)
    {
        JsonObject Data(string mime) => mime == "text/plain"
            ? new() { [mime] = NotebookCell.SplitLines(text) }
            : new() { [mime] = NotebookCell.SplitLines(text), ["text/plain"] = "x" };
        var stream = Create("a.ipynb", Code("1"));
        stream.Cells[0].Outputs.Add(new JsonObject { ["name"] = "stdout", ["output_type"] = "stream", ["text"] = NotebookCell.SplitLines("before\n" + text + "\nafter\n") });
        var display = Create("b.ipynb", Code("1"));
        display.Cells[0].Outputs.Add(new JsonObject { ["data"] = Data("text/plain"), ["metadata"] = new JsonObject(), ["output_type"] = "display_data" });
        var result = Create("c.ipynb", Code("1"));
        result.Cells[0].Outputs.Add(new JsonObject { ["data"] = Data("text/html"), ["execution_count"] = 1, ["metadata"] = new JsonObject(), ["output_type"] = "execute_result" });
        var error = Create("d.ipynb", Code("1"));
        error.Cells[0].Outputs.Add(new JsonObject { ["ename"] = "E", ["evalue"] = text, ["output_type"] = "error", ["traceback"] = new JsonArray("E: " + text, "   at cell") });
        var metadata = Create("e.ipynb", Code("1"));
        metadata.Metadata["incident"] = new JsonObject { ["note"] = text };
        metadata.Cells[0].Metadata["custom"] = text;
        return
        [
            (stream, () => stream.Serialize()), (display, () => display.Serialize()), (result, () => result.Serialize()),
            (error, () => error.Serialize()), (metadata, () => metadata.Serialize()),
        ];
    }

    [Theory]
    [MemberData(nameof(Secrets))]
    public void Each_kind_is_redacted_in_stream_display_result_error_and_metadata(string kind, string text, string secret)
    {
        if (kind == SecretKind.Secret) Secret.Of(secret);
        foreach (var (notebook, serialized) in Placements(text))
        {
            Assert.Contains(secret, serialized());
            var count = NotebookRedaction.Redact(notebook, new SecretScanner());
            Assert.True(count >= 1, $"{notebook.Path}: nothing redacted");
            Assert.DoesNotContain(secret, serialized());
            Assert.Contains($"[REDACTED:{kind}]", serialized());
        }
    }

    [Fact]
    public void Allowed_example_keys_are_kept_everywhere()
    {
        const string text = "AKIAIOSFODNN7EXAMPLE aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        foreach (var (notebook, serialized) in Placements(text))
        {
            var before = serialized();
            Assert.Equal(0, NotebookRedaction.Redact(notebook, new SecretScanner()));
            Assert.Equal(before, serialized());
        }
    }
}
