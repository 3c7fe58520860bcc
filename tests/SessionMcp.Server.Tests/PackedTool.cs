using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>
/// The server packed as its NuGet tool package into a folder feed, as <c>dotnet pack</c> makes it, with a NuGet
/// cache of its own: what is installed from it is this build's package, not one cached under the same version.
/// </summary>
public sealed class PackedTool : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sessionmcp-pack-" + Guid.NewGuid().ToString("N")[..8]);

    public string Feed => Path.Combine(_root, "feed");

    /// <summary>A new folder under the fixture's own, removed with it.</summary>
    public string NewFolder(string name) => Path.Combine(_root, name + "-" + Guid.NewGuid().ToString("N")[..8]);

    public string Package => Directory.GetFiles(Feed, "SessionMcp.*.nupkg").Single();

    /// <summary>The package version, from the built server (what <c>sessionmcp --version</c> prints).</summary>
    public string Version { get; } = ServerVersion.Package;

    /// <summary>A NuGet environment that sees only the feed (and the machine's own sources), caching under the temp folder.</summary>
    public Dictionary<string, string?> Environment => new()
    {
        ["NUGET_PACKAGES"] = Path.Combine(_root, "nuget-cache"),
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
    };

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        var project = Path.Combine(RepoPaths.Root, "src", "SessionMcp.Server", "SessionMcp.Server.csproj");
        await RunAsync("dotnet", ["pack", project, "-c", RepoPaths.Configuration, "--no-build", "-o", Feed]);
    }

    /// <summary>Runs a command to its end and returns what it printed; fails the test, with that, unless it exits 0.</summary>
    public async Task<string> RunAsync(string file, IEnumerable<string> arguments, IDictionary<string, string?>? environment = null)
    {
        var ended = await ChildProcess.RunAsync(file, arguments, environment ?? Environment, TimeSpan.FromMinutes(3));
        var said = ended.Output + ended.Errors;
        if (ended.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {ended.ExitCode}:\n{said}");
        }

        return said;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A tool process still closing; the temp folder is the OS's to clean.
        }

        return ValueTask.CompletedTask;
    }
}
