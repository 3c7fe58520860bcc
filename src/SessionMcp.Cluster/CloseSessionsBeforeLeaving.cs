using Microsoft.Extensions.Hosting;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Cluster;

/// <summary>At a host's stop (SIGTERM), its sessions close as <c>shutdown</c> while it is still a member of the cluster.</summary>
internal sealed class CloseSessionsBeforeLeaving(BrowserSessionPool pool) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken) => await pool.DisposeAsync();
}
