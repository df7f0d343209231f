namespace Ops.Testing;

/// <summary>The checkout the tests were built from (the folder holding Interactive.sln).</summary>
public static class RepositoryRoot
{
    public static string Path
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Interactive.sln"))) return dir.FullName;
            throw new InvalidOperationException($"no Interactive.sln above {AppContext.BaseDirectory}");
        }
    }
}
