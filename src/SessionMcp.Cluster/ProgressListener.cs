using System.Text.Json;
using SessionMcp.Cluster.Grains;
using SessionMcp.Core.Storage;
using SessionMcp.Core.Tasks;

namespace SessionMcp.Cluster;

/// <summary>Hears a forwarded run's steps from the host that runs it, for the client's progress notifications here.</summary>
internal sealed class ProgressListener(IProgress<RunProgress> progress) : IRunProgressObserver
{
    public Task OnStepAsync(string progressJson)
    {
        progress.Report(JsonSerializer.Deserialize(progressJson, StoredJson.Default.RunProgress)!);
        return Task.CompletedTask;
    }
}
