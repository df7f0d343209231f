using System.Text.Json;
using Ops.Kernel.Repl;

namespace Ops.Kernel.Tests.Repl;

public sealed class ReplHistoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ops-repl-history-").FullName;
    private string HistoryPath => Path.Combine(_dir, "repl-history");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Entries_survive_a_new_session_including_multi_line_ones()
    {
        var first = new ReplHistory(HistoryPath);
        first.Add("var x = 1;");
        first.Add("int Twice(int n)\n{\n    return 2 * n;\n}");

        var second = new ReplHistory(HistoryPath);
        Assert.Equal(new[] { "var x = 1;", "int Twice(int n)\n{\n    return 2 * n;\n}" }, second.Entries);
    }

    [Fact]
    public void A_torn_last_line_loses_only_that_line()
    {
        // What an in-place append cut by a kill leaves: two good lines and half of a third.
        File.WriteAllText(HistoryPath, JsonSerializer.Serialize("first") + "\n" + JsonSerializer.Serialize("second") + "\n\"thi");

        var history = new ReplHistory(HistoryPath);

        Assert.Equal(new[] { "first", "second" }, history.Entries);
    }

    [Fact]
    public void Adding_replaces_the_file_instead_of_writing_into_it()
    {
        var history = new ReplHistory(HistoryPath);
        history.Add("before");
        // A reader that opened the file before the next save must keep seeing a whole file: with a
        // rename the old inode is untouched; an in-place append would show it the new bytes too.
        using var reader = new FileStream(HistoryPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        history.Add("after");

        Assert.Equal(JsonSerializer.Serialize("before") + "\n", new StreamReader(reader).ReadToEnd());
        Assert.Equal(new[] { "before", "after" }, new ReplHistory(HistoryPath).Entries);
        Assert.Equal(new[] { "repl-history" }, Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void The_file_keeps_the_newest_two_thousand_entries()
    {
        File.WriteAllLines(HistoryPath, Enumerable.Range(0, 2100).Select(i => JsonSerializer.Serialize($"cell {i}")));

        var history = new ReplHistory(HistoryPath);
        history.Add("newest");

        var lines = File.ReadAllLines(HistoryPath);
        Assert.Equal(2000, lines.Length);
        Assert.Equal(JsonSerializer.Serialize("cell 101"), lines[0]);
        Assert.Equal(JsonSerializer.Serialize("newest"), lines[^1]);
    }
}
