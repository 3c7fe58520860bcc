using System.Text.Json;
using SessionMcp.Core.Storage;
using SessionMcp.Core.Tasks;

namespace SessionMcp.Cluster.Grains;

/// <summary>
/// A run's grain on the host that runs it, kept there while the host holds the run; a finished run is archived in the
/// shared database first, so once this grain is gone every host reads it from there.
/// </summary>
[Orleans.Placement.PreferLocalPlacement]
[KeepAlive]
internal sealed class RunGrain(TaskRunner runner) : ClaimedGrain, IRunGrain
{
    protected override bool HeldHere => runner.Holds(Id);

    public Task<GrainReply> GetAsync(string owner) => WhileHereAsync(async () =>
        new GrainReply(true, JsonSerializer.Serialize(await runner.GetAsync(Id, owner, CancellationToken.None), StoredJson.Default.RunResult)));
}
