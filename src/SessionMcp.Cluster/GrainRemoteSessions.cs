using System.Text.Json;
using SessionMcp.Cluster.Grains;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Profiles;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Storage;
using SessionMcp.Core.Tasks;

namespace SessionMcp.Cluster;

/// <summary>
/// Sessions of the other hosts, through their grains. The shared history says which host holds an open session; a
/// session held here, closed, or unknown is answered here (from memory or the shared history).
/// </summary>
internal sealed class GrainRemoteSessions(IGrainFactory grains, ISessionHistory history, IServiceProvider services) : IRemoteSessions
{
    // The pool takes this seam in its constructor; it is asked for lazily to keep the two apart.
    private BrowserSessionPool Pool => (BrowserSessionPool)services.GetService(typeof(BrowserSessionPool))!;

    public Task ClaimAsync(string browserSessionId) => grains.GetGrain<IBrowserSessionGrain>(browserSessionId).ClaimAsync();

    public Task ClaimRunAsync(string runId) => grains.GetGrain<IRunGrain>(runId).ClaimAsync();

    public async Task<RunResult?> GetRunAsync(string runId, string owner, CancellationToken cancellationToken)
    {
        GrainReply reply;
        try
        {
            reply = await grains.GetGrain<IRunGrain>(runId).GetAsync(owner).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (HostUnreachable.Is(ex))
        {
            // Its host is gone: the run ended with it (and was never archived).
            return null;
        }

        return reply switch
        {
            { Here: false } => null,
            { Error: { } error } => throw new RemoteSessionException(reply.ErrorArgument, error),
            _ => JsonSerializer.Deserialize(reply.Json!, StoredJson.Default.RunResult),
        };
    }

    public async Task<IReadOnlyList<RemoteSessionState>> ListElsewhereAsync(string owner, CancellationToken cancellationToken)
    {
        var open = await history.ListOpenAsync(owner, cancellationToken);
        var described = await Task.WhenAll(open.Where(r => !Pool.Holds(r.BrowserSessionId)).Select(async record =>
        {
            try
            {
                var reply = await grains.GetGrain<IBrowserSessionGrain>(record.BrowserSessionId).DescribeAsync(owner);
                return reply is { Here: true, Error: null, Json: { } json }
                    ? new RemoteSessionState(JsonSerializer.Deserialize(json, StoredJson.Default.SessionRecord)!, reply.FrameToken)
                    : new RemoteSessionState(record, null);
            }
            catch (Exception ex) when (HostUnreachable.Is(ex))
            {
                return new RemoteSessionState(record, null);
            }
        }));
        return described;
    }

    public async Task<IRemoteSession?> FindAsync(string browserSessionId, CancellationToken cancellationToken)
    {
        if (Pool.Holds(browserSessionId) || await history.OpenOnHostAsync(browserSessionId, cancellationToken) is not { } host)
        {
            return null;
        }

        return new GrainRemoteSession(grains, grains.GetGrain<IBrowserSessionGrain>(browserSessionId), browserSessionId, host);
    }

    private sealed class GrainRemoteSession(IGrainFactory grains, IBrowserSessionGrain grain, string id, string host) : IRemoteSession
    {
        public string Host => host;

        public async Task<RemoteSessionState> DescribeAsync(string owner, CancellationToken cancellationToken) =>
            State(await CallAsync(() => grain.DescribeAsync(owner)));

        public async Task<RemoteSessionState> CloseAsync(string owner, CancellationToken cancellationToken) =>
            State(await CallAsync(() => grain.CloseAsync(owner)));

        public async Task<RunResult> RunAsync(RunRequest request, string owner, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
        {
            if (request.ModelSource == RunRequest.ClientSampling)
            {
                throw new InvalidArgumentException("prompt", $"session {id} is held by host {host}, and a prompt run there uses that host's configured model (SessionMcp:Model), not {RunRequest.ClientSampling}; configure a server model, or give commands.");
            }

            var listener = progress is null ? null : new ProgressListener(progress);
            var observer = listener is null ? null : grains.CreateObjectReference<IRunProgressObserver>(listener);
            try
            {
                var reply = await CallAsync(() => grain.RunAsync(owner, JsonSerializer.Serialize(request, StoredJson.Default.RunRequest), observer, cancellationToken));
                return JsonSerializer.Deserialize(reply.Json!, StoredJson.Default.RunResult)!;
            }
            finally
            {
                if (observer is not null)
                {
                    grains.DeleteObjectReference<IRunProgressObserver>(observer);
                }
            }
        }

        public async Task<BrowserProfile> SaveProfileAsync(string owner, string? name, CancellationToken cancellationToken)
        {
            var reply = await CallAsync(() => grain.SaveProfileAsync(owner, name));
            return JsonSerializer.Deserialize(reply.Json!, StoredJson.Default.BrowserProfile)!;
        }

        public async Task<Core.Frames.Frame> FrameAsync(string owner, Core.Frames.FrameRequest request, CancellationToken cancellationToken)
        {
            var reply = await CallAsync(() => grain.FrameAsync(owner, JsonSerializer.Serialize(request, StoredJson.Default.FrameRequest)));
            return JsonSerializer.Deserialize(reply.Json!, StoredJson.Default.Frame)!;
        }

        public async Task<string> HttpAddressAsync(CancellationToken cancellationToken) => (await CallAsync(grain.HttpAddressAsync)).Json!;

        private static RemoteSessionState State(GrainReply reply) =>
            new(JsonSerializer.Deserialize(reply.Json!, StoredJson.Default.SessionRecord)!, reply.FrameToken!);

        private async Task<GrainReply> CallAsync(Func<Task<GrainReply>> call)
        {
            GrainReply reply;
            try
            {
                reply = await call();
            }
            catch (Exception ex) when (HostUnreachable.Is(ex))
            {
                throw new SessionHostUnavailableException($"session {id} is held by host {host}, which does not answer; if that host is gone, the session reads closed (host_lost) once the cluster has found it dead, within seconds.", ex);
            }

            if (!reply.Here)
            {
                throw new SessionHostUnavailableException($"session {id} was held by host {host}, which no longer has it (it stopped or was lost); the session reads closed (host_lost or shutdown) within seconds.");
            }

            return reply.Error is { } error ? throw new RemoteSessionException(reply.ErrorArgument, error) : reply;
        }
    }
}
