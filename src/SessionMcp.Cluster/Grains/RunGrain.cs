using System.Text.Json;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Storage;
using SessionMcp.Core.Tasks;

namespace SessionMcp.Cluster.Grains;

/// <summary>
/// A run's grain on the host that runs it, kept there while the host holds the run; a finished run is archived in the
/// shared database first, so once this grain is gone every host reads it from there.
/// </summary>
[Orleans.Placement.PreferLocalPlacement]
[KeepAlive]
internal sealed class RunGrain(TaskRunner runner) : Grain, IRunGrain
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(30);
    private IGrainTimer? _watch;

    private string Id => this.GetPrimaryKeyString();

    public Task ClaimAsync()
    {
        _watch ??= this.RegisterGrainTimer(LetGoIfGoneAsync, new GrainTimerCreationOptions(CheckEvery, CheckEvery) { Interleave = true });
        return Task.CompletedTask;
    }

    public async Task<GrainReply> GetAsync(string owner)
    {
        if (!runner.Holds(Id))
        {
            DeactivateOnIdle();
            return new GrainReply(false);
        }

        try
        {
            return new GrainReply(true, JsonSerializer.Serialize(await runner.GetAsync(Id, owner, CancellationToken.None), StoredJson.Default.RunResult));
        }
        catch (SessionMcpException ex)
        {
            return new GrainReply(true, ErrorArgument: ex.Argument, Error: ex.Message);
        }
    }

    private Task LetGoIfGoneAsync(CancellationToken cancellationToken)
    {
        if (!runner.Holds(Id))
        {
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }
}
