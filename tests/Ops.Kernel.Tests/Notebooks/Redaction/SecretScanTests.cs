using System.Text.Json.Nodes;
using Ops.Kernel.Notebooks;
using Ops.Testing;
using static Ops.Kernel.Tests.Notebooks.TestNotebooks;

namespace Ops.Kernel.Tests.Notebooks;

public class SecretScanTests
{
    [Fact]
    public void A_30_MB_file_is_read_whole_and_a_key_near_its_end_is_found_on_its_line()
    {
        using var temp = ExampleFiles.Temp();
        var path = Path.Combine(temp.Path, "big.log");
        using (var w = new StreamWriter(path))
        {
            var line = new string('x', 99);
            for (var i = 0; i < 300_000; i++) w.WriteLine(line); // 30 MB
            w.WriteLine("deploy with AKIAZ7QH3XJ4K2ABCDEF");
            w.WriteLine("tail");
        }
        Assert.True(new FileInfo(path).Length > 30_000_000);
        var tally = new SecretScan.Tally();
        var finding = Assert.Single(SecretScan.ScanFile(path, tally));
        Assert.Equal($"{path}:300001:aws-access-key-id", finding.ToString());
        Assert.Equal(1, tally.Files);
        Assert.True(tally.Bytes > 30_000_000);
    }

    [Fact]
    public void A_secret_across_a_window_boundary_is_found_once()
    {
        using var temp = ExampleFiles.Temp();
        var path = Path.Combine(temp.Path, "edge.txt");
        // One long line: no line start to cut at, so the overlap alone must carry the key.
        var text = new string('y', (4 << 20) - (64 << 10) - 10) + " AKIAZ7QH3XJ4K2ABCDEF " + new string('y', 100_000);
        File.WriteAllText(path, text);
        Assert.Single(SecretScan.ScanFile(path));
    }

    [Fact]
    public void Markdown_and_raw_cells_and_their_metadata_and_attachments_are_scanned()
    {
        using var temp = ExampleFiles.Temp();
        var notebook = Create("m.ipynb", Markdown("notes"), NotebookCell.Create("raw", "raw", "r1"), Code("1"));
        notebook.Cells[0].Metadata["note"] = "Password=hunter2xyz;";
        notebook.Cells[1].Metadata["tags"] = new JsonArray("AKIAZ7QH3XJ4K2ABCDEF");
        notebook.Cells[0].Json["attachments"] = new JsonObject { ["a.txt"] = new JsonObject { ["text/plain"] = "token: abc123secret" } };
        var path = Path.Combine(temp.Path, "m.ipynb");
        notebook.Save(path);
        var findings = SecretScan.ScanFile(path).Select(f => f.ToString()).ToList();
        Assert.True(findings.Count == 3, string.Join("\n", findings));
        Assert.Contains($"{path}:1:1:password (cell metadata note)", findings);
        Assert.Contains($"{path}:2:1:aws-access-key-id (cell metadata tags)", findings);
        Assert.Contains($"{path}:1:1:password (cell attachments.a.txt.text/plain)", findings);
        Assert.Equal(3, findings.Count);
    }

    [Fact]
    public void This_repository_scans_clean_with_its_fixtures_allowed_through_gitallowed()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Interactive.sln"))) root = Path.GetDirectoryName(root)!;
        var (code, stdout, stderr) = OpsProgram.Run(["scan", root], timeout: TimeSpan.FromMinutes(3));
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("ops scan: scanned ", stderr);

        // The fixtures are there: without the allow-lists the same scan finds them.
        using var temp = ExampleFiles.Temp();
        File.Copy(Path.Combine(root, "tests", "Ops.Library.Tests", "Aws", "SigV4SignerTests.cs"), Path.Combine(temp.Path, "SigV4SignerTests.cs"));
        Assert.NotEmpty(SecretScan.ScanFile(Path.Combine(temp.Path, "SigV4SignerTests.cs")));
    }
}
