namespace SessionMcp.Tests.Common;

/// <summary>Where the built server and examples are, for tests that run them as processes.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: whatever the tests themselves were built as.</summary>
    public static string Configuration { get; } = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    public static string ServerDll => Built("src/SessionMcp.Server", "SessionMcp.Server.dll");

    public static string Built(string project, string dll) => Path.Combine(Root, project, "bin", Configuration, "net10.0", dll);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SessionMcp.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SessionMcp.sln not found above " + AppContext.BaseDirectory);
    }
}
