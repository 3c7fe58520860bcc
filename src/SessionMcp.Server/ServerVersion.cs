using System.Reflection;

namespace SessionMcp.Server;

/// <summary>The server's version, as the build stamps it: in full (with the commit) and as the package has it.</summary>
public static class ServerVersion
{
    /// <summary>Such as <c>0.9.0+3f2a…</c>; null if the build did not stamp one.</summary>
    public static string? Full { get; } = typeof(ServerVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    /// <summary>The package version, such as <c>0.9.0</c> (what <c>sessionmcp --version</c> prints).</summary>
    public static string Package { get; } = Full?.Split('+')[0] ?? "unknown";
}
