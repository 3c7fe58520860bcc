namespace SessionMcp.Core.Tasks;

/// <summary>
/// Finished runs, so <c>get_run</c> answers after a restart or from another host. Failures surface as
/// <see cref="Errors.StoreUnavailableException"/>.
/// </summary>
public interface IRunArchive
{
    Task SaveAsync(string owner, RunResult run, CancellationToken cancellationToken);

    Task<RunResult?> GetAsync(string runId, string owner, CancellationToken cancellationToken);
}
