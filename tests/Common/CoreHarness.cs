using Microsoft.Extensions.Logging.Abstractions;
using SessionMcp.Core;
using SessionMcp.Core.Browser;
using SessionMcp.Core.Frames;
using SessionMcp.Core.Profiles;
using SessionMcp.Core.Storage;
using SessionMcp.Core.Storage.Sqlite;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Core.Tasks.Commands;
using Xunit;

namespace SessionMcp.Tests.Common;

/// <summary>The Core services as the server wires them, on a shared browser; disposing closes every session it made.</summary>
public sealed class CoreHarness : IAsyncDisposable
{
    public const string Owner = "test-owner";

    internal CoreHarness(BrowserProvider provider, SessionMcpOptions options, TimeProvider time)
    {
        Options = options;
        Time = time;
        Policy = new NavigationPolicy(options);
        options.DataPath ??= Path.Combine(Path.GetTempPath(), "sessionmcp-tests", Guid.NewGuid().ToString("N"));
        Database = new SqliteDatabase(options);
        Profiles = new ProfileService(new SqliteProfileStore(Database), time);
        History = new SqliteSessionHistory(Database, options, ServerInstance.Claim(options), time);
        Pool = new BrowserSessionPool(provider, Policy, options, time, NullLogger<BrowserSessionPool>.Instance, Profiles, History);
        Runner = new TaskRunner(Pool, new CommandRegistry(Policy, options), new RunStore(options, new SqliteRunArchive(Database)), Policy, options, time, NullLogger<TaskRunner>.Instance);
        Frames = new FrameSource(time, options);
    }

    public SessionMcpOptions Options { get; }

    public TimeProvider Time { get; }

    public NavigationPolicy Policy { get; }

    public BrowserSessionPool Pool { get; }

    public SqliteDatabase Database { get; }

    public ProfileService Profiles { get; }

    public SqliteSessionHistory History { get; }

    public TaskRunner Runner { get; }

    public FrameSource Frames { get; }

    public Task<BrowserSession> CreateSessionAsync(BrowserSessionSettings? settings = null, string owner = Owner) =>
        Pool.CreateAsync(settings ?? new BrowserSessionSettings(), owner, TestContext.Current.CancellationToken);

    /// <summary>Runs commands given as (name, data-as-JSON) pairs in a session and waits for the result.</summary>
    public Task<RunResult> RunAsync(BrowserSession? session, params (string Command, string? Data)[] commands) =>
        RunAsync(new RunRequest { BrowserSessionId = session?.Id, Commands = Commands(commands) });

    public Task<RunResult> RunAsync(RunRequest request, string owner = Owner) =>
        Runner.RunAsync(request, owner, TestContext.Current.CancellationToken);

    public static IReadOnlyList<CommandRequest> Commands(params (string Command, string? Data)[] commands) =>
        [.. commands.Select(c => new CommandRequest(c.Command, c.Data is null ? null : System.Text.Json.JsonDocument.Parse(c.Data).RootElement.Clone()))];

    public async ValueTask DisposeAsync()
    {
        await Runner.DisposeAsync();
        await Pool.DisposeAsync();
    }
}
