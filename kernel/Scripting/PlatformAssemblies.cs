namespace Ops.Kernel.Scripting;

/// <summary>
/// The assemblies the runtime resolves by itself (the framework's and the ops program's own, its
/// trusted platform assemblies): package and <c>#r</c> loading must defer to these.
/// </summary>
internal static class PlatformAssemblies
{
    public static IReadOnlyList<string> Paths { get; } =
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Simple names (file names without .dll) of the paths that pass <paramref name="include"/>.</summary>
    public static HashSet<string> Names(Func<string, bool> include) =>
        Paths.Where(include).Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase)!;
}
