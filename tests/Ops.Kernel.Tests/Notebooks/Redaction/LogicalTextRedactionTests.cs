using System.Text.Json.Nodes;
using Ops.Kernel.Notebooks;
using Ops.Secrets;
using static Ops.Kernel.Tests.Notebooks.TestNotebooks;

namespace Ops.Kernel.Tests.Notebooks;

/// <summary>Redaction reads what a reader sees: lists joined, stream chunks as one stream, tracebacks as lines.</summary>
public class LogicalTextRedactionTests
{
    private static readonly SecretScanner Scanner = new(includeLiveSecrets: false);

    private static JsonObject Stream(params string[] lines) =>
        new() { ["name"] = "stdout", ["output_type"] = "stream", ["text"] = new JsonArray(lines.Select(l => (JsonNode?)l).ToArray()) };

    [Fact]
    public void A_secret_split_across_the_items_of_a_stored_list_is_redacted()
    {
        var notebook = Create("split.ipynb", Code("1"));
        notebook.Cells[0].Outputs.Add(Stream("Password=", "hunter2xyz;\n", "next line\n"));
        Assert.Equal(1, NotebookRedaction.Redact(notebook, Scanner));
        Assert.Equal("Password=[REDACTED:password];\nnext line\n", NotebookCell.JoinText(notebook.Cells[0].Outputs[0]!["text"]));
    }

    [Fact]
    public void Items_that_are_not_lines_keep_their_count_and_the_marker_goes_where_the_secret_starts()
    {
        var pieces = new List<string> { "x Password=hun", "ter2xyz", ";y" };
        Assert.Equal(1, NotebookRedaction.RedactPieces(pieces, "", Scanner));
        Assert.Equal(["x Password=[REDACTED:password]", "", ";y"], pieces);
    }

    [Fact]
    public void A_secret_split_across_display_data_lines_is_redacted()
    {
        var notebook = Create("split.ipynb", Code("1"));
        notebook.Cells[0].Outputs.Add(new JsonObject
        {
            ["data"] = new JsonObject { ["text/plain"] = new JsonArray("key AKIAZ7QW", "ERTYUIOPASDF end") },
            ["metadata"] = new JsonObject(), ["output_type"] = "display_data",
        });
        Assert.Equal(1, NotebookRedaction.Redact(notebook, Scanner));
        Assert.Equal("key [REDACTED:aws-access-key-id] end", NotebookCell.JoinText(notebook.Cells[0].Outputs[0]!["data"]!["text/plain"]));
    }

    [Fact]
    public void Consecutive_stream_outputs_are_one_text_but_another_stream_name_is_not()
    {
        var notebook = Create("chunks.ipynb", Code("1"));
        notebook.Cells[0].Outputs.Add(Stream("connect Pass"));
        notebook.Cells[0].Outputs.Add(Stream("word=hunter2xyz;\n"));
        Assert.Equal(1, NotebookRedaction.Redact(notebook, Scanner));
        Assert.Equal("connect Password=[REDACTED:password];\n",
            NotebookCell.JoinText(notebook.Cells[0].Outputs[0]!["text"]) + NotebookCell.JoinText(notebook.Cells[0].Outputs[1]!["text"]));

        var other = Create("names.ipynb", Code("1"));
        other.Cells[0].Outputs.Add(Stream("connect Pass"));
        other.Cells[0].Outputs.Add(new JsonObject { ["name"] = "stderr", ["output_type"] = "stream", ["text"] = "word=hunter2xyz;\n" });
        Assert.Equal(0, NotebookRedaction.Redact(other, Scanner));
    }

    [Fact]
    public void A_traceback_is_read_as_lines_so_a_value_ends_at_its_line()
    {
        var notebook = Create("tb.ipynb", Code("1"));
        notebook.Cells[0].Outputs.Add(new JsonObject
        {
            ["ename"] = "E", ["evalue"] = "x", ["output_type"] = "error",
            ["traceback"] = new JsonArray("E: connect with Password=hunter2xyz", "   at Cell line 3"),
        });
        Assert.Equal(1, NotebookRedaction.Redact(notebook, Scanner));
        var tb = (JsonArray)notebook.Cells[0].Outputs[0]!["traceback"]!;
        Assert.Equal(["E: connect with Password=[REDACTED:password]", "   at Cell line 3"], tb.Select(t => (string)t!).ToArray());
    }

    [Theory]
    [InlineData("GET /api?token = abc123secret HTTP/1.1", "GET /api?token = [REDACTED:password] HTTP/1.1")]
    [InlineData("GET /api?x=1&api_key= abc123secret", "GET /api?x=1&api_key= [REDACTED:password]")]
    [InlineData("login failed: Password = hunter2space", "login failed: Password = [REDACTED:password]")]
    [InlineData("api_key: 'k3yvalue'", "api_key: '[REDACTED:password]'")]
    [InlineData("Password = abc", "Password = abc")] // shorter than 4: not a value worth garbling text for
    public void Spaces_around_the_equals_sign_are_caught_in_prose(string text, string expected) =>
        Assert.Equal(expected, Scanner.Redact(text, out _, TextKind.Prose));

    [Fact]
    public void Code_keeps_assignments_with_spaces_that_prose_redacts()
    {
        const string code = "var password = ReadIt();";
        Assert.Empty(Scanner.Scan(code, TextKind.Code));
        Assert.Single(Scanner.Scan("login with Password = hunter2space", TextKind.Prose));
        Assert.Empty(Scanner.Scan("login with Password = hunter2space", TextKind.Code));
        Assert.Single(Scanner.Scan("?token = abc123secret", TextKind.Code));
    }
}
