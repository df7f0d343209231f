using System.IO.Compression;
using System.Text;
using Ops.BigQuery;

namespace Ops.Tests.BigQuery;

/// <summary>Builds schemas and NDJSON inputs for the tests.</summary>
internal static class Ndjson
{
    public static TableSchema Schema(string json) => TableSchema.FromJson(json);

    public static TableSchema One(string type, string mode = "NULLABLE", string extra = "") =>
        TableSchema.FromJson($$"""[{"name":"v","type":"{{type}}","mode":"{{mode}}"{{extra}}}]""");

    public static FileCheck Check(TableSchema schema, string ndjson, bool ignoreUnknown = false) =>
        JsonLoadCheck.ValidateStream(schema, new MemoryStream(Encoding.UTF8.GetBytes(ndjson)), "t.json",
            new LoadCheckOptions { IgnoreUnknownValues = ignoreUnknown });

    public static FileCheck Check(TableSchema schema, byte[] ndjson) =>
        JsonLoadCheck.ValidateStream(schema, new MemoryStream(ndjson), "t.json");

    private static readonly string Root = Path.Combine(Path.GetTempPath(), "ops-bq-tests-" + Environment.ProcessId);

    // The test host may be ended before exit handlers run, so each run also removes what runs whose
    // process is gone left behind.
    static Ndjson()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), "ops-bq-tests-*"))
        {
            if (!int.TryParse(dir[(dir.LastIndexOf('-') + 1)..], out var pid) || pid == Environment.ProcessId || IsAlive(pid)) continue;
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
    }

    private static bool IsAlive(int pid)
    {
        try { using var p = System.Diagnostics.Process.GetProcessById(pid); return !p.HasExited; }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>A fresh directory under this test run's root, removed when the test process exits.</summary>
    public static string TempDir()
    {
        var dir = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string WriteGzip(string dir, string name, string text)
    {
        var path = Path.Combine(dir, name);
        using var f = File.Create(path);
        using var gz = new GZipStream(f, CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(text));
        return path;
    }
}
