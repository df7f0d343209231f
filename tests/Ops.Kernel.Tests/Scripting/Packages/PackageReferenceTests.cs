using System.Diagnostics;
using Ops.Kernel.Scripting;
using Ops.Kernel.Scripting.Packages;
using Ops.Testing;

namespace Ops.Kernel.Tests.Scripting.Packages;

/// <summary>One package cache for the class: the first test restores, the others reuse it.</summary>
public sealed class PackageCacheFixture : IDisposable
{
    public string Cache { get; } = Directory.CreateTempSubdirectory("ops-nuget-cache-").FullName;
    public void Dispose() { try { Directory.Delete(Cache, recursive: true); } catch (IOException) { } }
}

public class PackageReferenceTests(PackageCacheFixture fixture) : IClassFixture<PackageCacheFixture>
{
    private const string Json = "#r \"nuget: Newtonsoft.Json, 13.0.1\"";

    private ScriptEngine Engine(string? workingDirectory = null) =>
        new(new EngineOptions { PackageCache = fixture.Cache, WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory });

    private async Task EnsureRestored()
    {
        using var engine = Engine();
        var result = await engine.ExecuteAsync(Json, new RecordingHost());
        Assert.True(result.Status == ExecutionStatus.Ok, result.Error?.Message);
    }

    [PeerFact("dotnet")]
    public async Task A_package_from_the_configured_source_is_restored_and_usable()
    {
        // Its own empty cache, so this test always restores (and shows progress).
        var cache = Directory.CreateTempSubdirectory("ops-nuget-fresh-").FullName;
        using var engine = new ScriptEngine(new EngineOptions { PackageCache = cache });
        var host = new RecordingHost();
        var result = await engine.ExecuteAsync(Json + "\nNewtonsoft.Json.JsonConvert.SerializeObject(new { ap = \"AP1\", clients = 31 })", host);
        Assert.True(result.Status == ExecutionStatus.Ok, result.Error?.Message);
        Assert.Equal("{\"ap\":\"AP1\",\"clients\":31}", result.Value?.PlainText);
        // Progress is one display, updated in place.
        var displays = host.Events.Where(e => e.Kind.StartsWith("display:") || e.Kind.StartsWith("update:")).ToList();
        Assert.NotEmpty(displays);
        Assert.Single(displays, e => e.Kind.StartsWith("display:"));
    }

    [PeerFact("dotnet")]
    public async Task A_cached_package_is_used_without_touching_an_unreachable_source()
    {
        await EnsureRestored();
        var dir = Directory.CreateTempSubdirectory("ops-offline-").FullName;
        File.WriteAllText(Path.Combine(dir, "NuGet.Config"),
            "<configuration><packageSources><clear /><add key=\"dead\" value=\"http://127.0.0.1:9/v3/index.json\" /></packageSources></configuration>");
        using var engine = Engine(dir);
        var watch = Stopwatch.StartNew();
        var result = await engine.ExecuteAsync(Json + "\nNewtonsoft.Json.Linq.JToken.Parse(\"[1,2]\").Count()", new RecordingHost());
        Assert.True(result.Status == ExecutionStatus.Ok, result.Error?.Message);
        Assert.Equal("2", result.Value?.PlainText);
    }

    [PeerFact("dotnet")]
    public async Task An_unreachable_source_is_named_and_the_cache_listed()
    {
        await EnsureRestored();
        var dir = Directory.CreateTempSubdirectory("ops-offline-").FullName;
        File.WriteAllText(Path.Combine(dir, "NuGet.Config"),
            "<configuration><packageSources><clear /><add key=\"dead\" value=\"http://127.0.0.1:9/v3/index.json\" /></packageSources></configuration>");
        using var engine = Engine(dir);
        var result = await engine.ExecuteAsync("#r \"nuget: Ops.Surely.Not.Cached.Package, 1.2.3\"", new RecordingHost());
        Assert.Equal(ExecutionStatus.Error, result.Status);
        Assert.Equal("PackageError", result.Error!.Name);
        Assert.Contains("http://127.0.0.1:9/v3/index.json", result.Error.Message);
        Assert.Contains("Newtonsoft.Json 13.0.1", result.Error.Message);
    }

    [PeerFact("dotnet")]
    public async Task A_second_version_of_a_loaded_package_is_an_error_naming_both()
    {
        await EnsureRestored();
        using var engine = Engine();
        Assert.Equal(ExecutionStatus.Ok, (await engine.ExecuteAsync(Json, new RecordingHost())).Status);
        var result = await engine.ExecuteAsync("#r \"nuget: Newtonsoft.Json, 12.0.3\"", new RecordingHost());
        Assert.Equal("PackageError", result.Error!.Name);
        Assert.Contains("13.0.1", result.Error.Message);
        Assert.Contains("12.0.3", result.Error.Message);
    }

    [Theory]
    [InlineData("nuget: Newtonsoft.Json, 13.0.1", "Newtonsoft.Json", "13.0.1")]
    [InlineData("nuget:Newtonsoft.Json", "Newtonsoft.Json", null)]
    [InlineData("nuget: Some.Package,*-*", "Some.Package", "*-*")]
    public void Package_references_parse(string text, string id, string? version)
    {
        var request = PackageRequest.Parse(text);
        Assert.Equal(id, request!.Id);
        Assert.Equal(version, request.Version);
    }

    [Fact]
    public void Directives_are_blanked_so_lines_keep_their_numbers()
    {
        var d = PackageDirectives.Parse("#i \"nuget: https://example.invalid/index.json\"\n#r \"nuget: A, 1.0\"\nvar x = 1;");
        Assert.Equal("\n\nvar x = 1;", d.Code);
        Assert.Equal("https://example.invalid/index.json", Assert.Single(d.Sources));
        Assert.Equal("A", Assert.Single(d.Packages).Id);
    }

    [Fact]
    public async Task A_malformed_package_reference_is_a_clear_error()
    {
        using var engine = Engine();
        var result = await engine.ExecuteAsync("#r \"nuget: Bad Package Name\"", new RecordingHost());
        Assert.Equal("PackageError", result.Error!.Name);
        Assert.Contains("line 1", result.Error.Message);
    }
}
