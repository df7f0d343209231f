using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ops.Kernel.Scripting.Packages;

/// <summary>
/// Restores packages through the .NET SDK (so the user's NuGet.Config, package source mapping and
/// credentials apply as in any project) into a cache shared by all sessions. A request restored
/// once is answered from the cache without touching the network.
/// </summary>
public sealed partial class PackageRestorer(string cacheRoot, string workingDirectory)
{
    public static string DefaultCacheRoot =>
        Environment.GetEnvironmentVariable("OPS_NUGET_CACHE") is { Length: > 0 } dir ? dir
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "ops", "nuget");

    public TimeSpan RestoreTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<ResolvedPackage>> RestoreAsync(IReadOnlyList<PackageRequest> requests, IReadOnlyList<string> sources,
        Action<string> progress, CancellationToken cancellationToken)
    {
        var key = Key(requests, sources);
        var dir = Path.Combine(cacheRoot, key);
        var manifest = Path.Combine(dir, "resolved.json");
        if (TryReadManifest(manifest) is { } cached) return cached;

        Directory.CreateDirectory(dir);
        var project = Path.Combine(dir, "restore.csproj");
        AtomicFile.WriteAllText(project, ProjectText(requests, sources));
        progress($"Restoring {string.Join(", ", requests)} ...");
        var watch = Stopwatch.StartNew();
        var (exitCode, output) = await RunRestore(project, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0) throw new PackageException(DescribeFailure(output, requests));

        var resolved = ReadAssets(Path.Combine(dir, "obj", "project.assets.json"));
        AtomicFile.WriteAllText(manifest, JsonSerializer.Serialize(resolved));
        progress($"Restored {string.Join(", ", requests.Select(r => resolved.FirstOrDefault(p => p.Id.Equals(r.Id, StringComparison.OrdinalIgnoreCase)) is { } p ? $"{p.Id} {p.Version}" : r.Id))} in {watch.Elapsed.TotalSeconds:0.0} s");
        return resolved;
    }

    private static string Key(IReadOnlyList<PackageRequest> requests, IReadOnlyList<string> sources)
    {
        var text = string.Join(";", requests.Select(r => r.Id.ToLowerInvariant() + "/" + r.VersionOrFloating).Order(StringComparer.Ordinal))
            + "|" + string.Join(";", sources) + "|" + RuntimeInformation.RuntimeIdentifier;
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();
    }

    private static IReadOnlyList<ResolvedPackage>? TryReadManifest(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var list = JsonSerializer.Deserialize<List<ResolvedPackage>>(File.ReadAllText(path));
            // A package folder cleaned by `dotnet nuget locals` makes the entry stale: restore again.
            return list != null && list.All(p => p.Assemblies.All(File.Exists) && p.NativeLibraries.All(File.Exists)) ? list : null;
        }
        catch (Exception e) when (e is JsonException or IOException) { return null; }
    }

    private static string ProjectText(IReadOnlyList<PackageRequest> requests, IReadOnlyList<string> sources)
    {
        var sb = new StringBuilder();
        sb.AppendLine("<Project Sdk=\"Microsoft.NET.Sdk\">");
        sb.AppendLine("  <PropertyGroup>");
        sb.AppendLine($"    <TargetFramework>net{Environment.Version.Major}.{Environment.Version.Minor}</TargetFramework>");
        sb.AppendLine("    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>");
        sb.AppendLine("    <ImportDirectoryBuildProps>false</ImportDirectoryBuildProps>");
        sb.AppendLine("    <ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps>");
        sb.AppendLine("    <NoWarn>$(NoWarn);NU1603;NU1701</NoWarn>");
        if (sources.Count > 0) sb.AppendLine($"    <RestoreAdditionalProjectSources>{System.Security.SecurityElement.Escape(string.Join(";", sources))}</RestoreAdditionalProjectSources>");
        sb.AppendLine("  </PropertyGroup>");
        sb.AppendLine("  <ItemGroup>");
        foreach (var r in requests)
            sb.AppendLine($"    <PackageReference Include=\"{System.Security.SecurityElement.Escape(r.Id)}\" Version=\"{System.Security.SecurityElement.Escape(r.VersionOrFloating)}\" />");
        sb.AppendLine("  </ItemGroup>");
        sb.AppendLine("</Project>");
        return sb.ToString();
    }

    private async Task<(int ExitCode, string Output)> RunRestore(string project, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "restore", project, "--nologo", "-v", "q" }) psi.ArgumentList.Add(a);
        if (NearestNuGetConfig(workingDirectory) is { } config) { psi.ArgumentList.Add("--configfile"); psi.ArgumentList.Add(config); }
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(psi) ?? throw new PackageException("could not start `dotnet restore`; is the .NET SDK on PATH?");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RestoreTimeout);
        try { await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested) throw;
            throw new PackageException($"`dotnet restore` did not finish within {RestoreTimeout.TotalSeconds:0} s; check that the NuGet sources answer");
        }
        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }

    /// <summary>The NuGet.Config nearest the notebook's directory, so per-repository sources apply.</summary>
    private static string? NearestNuGetConfig(string start)
    {
        for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            foreach (var name in new[] { "NuGet.Config", "nuget.config", "NuGet.config" })
                if (File.Exists(Path.Combine(dir.FullName, name))) return Path.Combine(dir.FullName, name);
        return null;
    }

    private string DescribeFailure(string output, IReadOnlyList<PackageRequest> requests)
    {
        output = Credentials().Replace(output, "://[REDACTED]@");
        var unreachable = Unreachable().Matches(output).Select(m => m.Groups["source"].Value.TrimEnd('.')).Distinct().ToList();
        var errors = output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(": error ", StringComparison.Ordinal) || l.StartsWith("error", StringComparison.Ordinal))
            .Select(l => Regex.Replace(l, @"^\S*restore\.csproj\s*:\s*", "")).Distinct().Take(5).ToList();
        var sb = new StringBuilder($"could not restore {string.Join(", ", requests)}");
        if (unreachable.Count > 0)
            sb.Append($": NuGet source {string.Join(", ", unreachable)} is unreachable");
        if (errors.Count > 0) sb.Append('\n').Append(string.Join("\n", errors));
        var cachedList = Cached();
        sb.Append('\n').Append(cachedList.Count == 0
            ? "No packages are in the ops package cache yet."
            : $"Already cached (usable offline with these exact versions): {string.Join(", ", cachedList)}");
        return sb.ToString();
    }

    /// <summary>Packages restored before, from every manifest in the cache.</summary>
    public IReadOnlyList<string> Cached()
    {
        if (!Directory.Exists(cacheRoot)) return Array.Empty<string>();
        return Directory.EnumerateFiles(cacheRoot, "resolved.json", SearchOption.AllDirectories)
            .SelectMany(f => TryReadManifest(f) ?? Array.Empty<ResolvedPackage>())
            .Select(p => $"{p.Id} {p.Version}").Distinct().Order(StringComparer.OrdinalIgnoreCase).ToList();
    }

    [GeneratedRegex(@"Unable to load the service index for source (?<source>\S+)")]
    private static partial Regex Unreachable();

    [GeneratedRegex(@"://[^/\s:@]+:[^/\s@]+@")]
    private static partial Regex Credentials();

    /// <summary>Compile/runtime and native assets for this runtime from the restore's assets file.</summary>
    internal static List<ResolvedPackage> ReadAssets(string assetsPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(assetsPath));
        var root = doc.RootElement;
        var packageFolders = root.GetProperty("packageFolders").EnumerateObject().Select(p => p.Name).ToList();
        var libraries = root.GetProperty("libraries");
        var target = root.GetProperty("targets").EnumerateObject().First().Value;
        var rids = RidFallbacks();
        var frameworkAssemblies = FrameworkAssemblyNames.Value;
        var result = new List<ResolvedPackage>();
        foreach (var entry in target.EnumerateObject())
        {
            if (entry.Value.GetProperty("type").GetString() != "package") continue;
            var slash = entry.Name.IndexOf('/');
            var (id, version) = (entry.Name[..slash], entry.Name[(slash + 1)..]);
            var relative = libraries.GetProperty(entry.Name).GetProperty("path").GetString()!;
            var folder = packageFolders.Select(f => Path.Combine(f, relative)).FirstOrDefault(Directory.Exists) ?? Path.Combine(packageFolders[0], relative);

            var runtime = Assets(entry.Value, "runtime");
            var ridRuntime = RidAssets(entry.Value, "runtime", rids);
            var assemblies = (ridRuntime.Count > 0 ? ridRuntime : runtime)
                .Where(a => a.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                .Where(a => !frameworkAssemblies.Contains(Path.GetFileNameWithoutExtension(a)))
                .Select(a => Path.GetFullPath(Path.Combine(folder, a))).ToList();
            var native = RidAssets(entry.Value, "native", rids).Select(a => Path.GetFullPath(Path.Combine(folder, a))).ToList();
            result.Add(new ResolvedPackage(id, version, assemblies, native));
        }
        return result;
    }

    private static List<string> Assets(JsonElement package, string kind) =>
        package.TryGetProperty(kind, out var assets)
            ? assets.EnumerateObject().Select(a => a.Name).Where(n => !n.EndsWith("/_._", StringComparison.Ordinal)).ToList()
            : new List<string>();

    private static List<string> RidAssets(JsonElement package, string assetType, IReadOnlyList<string> rids)
    {
        if (!package.TryGetProperty("runtimeTargets", out var targets)) return new List<string>();
        var byRid = targets.EnumerateObject()
            .Where(t => t.Value.TryGetProperty("assetType", out var type) && type.GetString() == assetType && !t.Name.EndsWith("/_._", StringComparison.Ordinal))
            .GroupBy(t => t.Value.GetProperty("rid").GetString() ?? "")
            .ToDictionary(g => g.Key, g => g.Select(t => t.Name).ToList());
        foreach (var rid in rids) if (byRid.TryGetValue(rid, out var list)) return list;
        return new List<string>();
    }

    private static IReadOnlyList<string> RidFallbacks()
    {
        var rid = RuntimeInformation.RuntimeIdentifier;
        var os = rid.Split('-')[0];
        var list = new List<string> { rid, os };
        if (os is "linux" or "osx" or "freebsd") list.Add("unix");
        list.Add("any");
        return list;
    }

    private static readonly Lazy<HashSet<string>> FrameworkAssemblyNames = new(() =>
        PlatformAssemblies.Names(p => p.Contains(Path.DirectorySeparatorChar + "shared" + Path.DirectorySeparatorChar, StringComparison.Ordinal)));
}
