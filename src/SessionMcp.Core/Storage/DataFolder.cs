namespace SessionMcp.Core.Storage;

/// <summary>The folder the server keeps its files in: <c>SessionMcp:DataPath</c>, else one per user.</summary>
public static class DataFolder
{
    public static string Default() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "sessionmcp");

    public static string Of(SessionMcpOptions options) => options.DataPath ?? Default();
}
