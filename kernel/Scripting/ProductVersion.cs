using System.Reflection;

namespace Ops.Kernel.Scripting;

/// <summary>
/// The version of ops (the package version, without the source revision). It lives in the bottom
/// layer so the Jupyter kernel, the notebook runner, the REPL and the command line all read it from
/// below instead of reaching up into the command line.
/// </summary>
public static class ProductVersion
{
    public static string Current { get; } =
        typeof(ProductVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";
}
