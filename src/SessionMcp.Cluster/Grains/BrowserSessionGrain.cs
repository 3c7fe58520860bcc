using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SessionMcp.Core.Frames;
using SessionMcp.Core.Profiles;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Storage;
using SessionMcp.Core.Tasks;
using SessionMcp.Core.Tasks.Prompt;

namespace SessionMcp.Cluster.Grains;

/// <summary>The session's grain on its host, kept there while the session lives (see <see cref="ClaimedGrain"/>).</summary>
[Orleans.Placement.PreferLocalPlacement]
[KeepAlive]
internal sealed class BrowserSessionGrain(BrowserSessionPool pool, TaskRunner runner, IServiceProvider services) : ClaimedGrain, IBrowserSessionGrain
{
    protected override bool HeldHere => pool.Holds(Id);

    public Task<GrainReply> DescribeAsync(string owner) => OnSessionAsync(owner, async session =>
        new GrainReply(true, JsonSerializer.Serialize(await session.DescribeAsync(), StoredJson.Default.SessionRecord), session.FrameToken));

    public Task<GrainReply> CloseAsync(string owner) => OnSessionAsync(owner, async session =>
    {
        var closed = await pool.CloseAsync(session.Id, owner);
        return new GrainReply(true, JsonSerializer.Serialize(await closed.DescribeAsync(), StoredJson.Default.SessionRecord), closed.FrameToken);
    });

    public Task<GrainReply> RunAsync(string owner, string requestJson, IRunProgressObserver? progress, CancellationToken cancellationToken) => OnSessionAsync(owner, async session =>
    {
        var request = JsonSerializer.Deserialize(requestJson, StoredJson.Default.RunRequest)! with { BrowserSessionId = session.Id };
        if (!string.IsNullOrWhiteSpace(request.Prompt) && services.GetService<ServerModel>() is { } model)
        {
            request = request with { Model = model.Client, ModelSource = model.Description };
        }

        var steps = progress is null ? null : new StepsTo(progress);
        var result = await runner.RunAsync(request, owner, steps, cancellationToken);
        return new GrainReply(true, JsonSerializer.Serialize(result, StoredJson.Default.RunResult));
    });

    public Task<GrainReply> SaveProfileAsync(string owner, string? name) => OnSessionAsync(owner, async session =>
    {
        var profile = await services.GetRequiredService<ProfileService>().SaveFromSessionAsync(session, name, CancellationToken.None);
        return new GrainReply(true, JsonSerializer.Serialize(profile, StoredJson.Default.BrowserProfile));
    });

    public Task<GrainReply> FrameAsync(string owner, string requestJson) => OnSessionAsync(owner, async session =>
    {
        var request = JsonSerializer.Deserialize(requestJson, StoredJson.Default.FrameRequest)!;
        var frame = await services.GetRequiredService<FrameSource>().CaptureAsync(session, request, CancellationToken.None);
        return new GrainReply(true, JsonSerializer.Serialize(frame, StoredJson.Default.Frame));
    });

    public Task<GrainReply> HttpAddressAsync() => Task.FromResult(
        StillHere() && services.GetService<IThisHostAddress>() is { } address ? new GrainReply(true, address.HttpBaseUrl) : new GrainReply(false));

    private Task<GrainReply> OnSessionAsync(string owner, Func<BrowserSession, Task<GrainReply>> work) =>
        WhileHereAsync(() => work(pool.Get(Id, owner)));

    /// <summary>Passes each step on to the calling host, without waiting for it (one-way).</summary>
    private sealed class StepsTo(IRunProgressObserver observer) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => _ = observer.OnStepAsync(JsonSerializer.Serialize(value, StoredJson.Default.RunProgress));
    }
}
