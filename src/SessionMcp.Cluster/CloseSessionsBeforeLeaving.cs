using Microsoft.Extensions.Hosting;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;

namespace SessionMcp.Cluster;

/// <summary>
/// A host's stop (SIGTERM) drains it. Before any service stops (the HTTP server still answers), it takes no new
/// sessions and its health check says <c>draining</c>, so a load balancer sends new work elsewhere, and its runs in
/// progress get up to <c>SessionMcp:Cluster:DrainSeconds</c> to end. Then its sessions close as <c>shutdown</c>, while
/// it is still a member of the cluster, so the other hosts never report them lost.
/// </summary>
internal sealed class CloseSessionsBeforeLeaving(BrowserSessionPool pool, TaskRunner runner, TimeSpan drain) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        pool.StopAdmitting();
        try
        {
            await runner.WhenNoRunsAsync(drain, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's own shutdown limit came first.
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await pool.DisposeAsync();

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
