using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using SessionMcp.Core;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Storage;

namespace SessionMcp.Cluster;

public static class ClusterHosting
{
    /// <summary>
    /// Makes this host one silo of the cluster when <c>SessionMcp:Cluster:Enabled</c>: membership in the shared
    /// PostgreSQL database, sessions as grains placed on the host that creates them. Does nothing otherwise, so a
    /// single host starts no cluster at all.
    /// </summary>
    public static bool AddSessionMcpCluster(this IHostApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(SessionMcpClusterOptions.SectionName).Get<SessionMcpClusterOptions>() ?? new();
        if (!cluster.Enabled)
        {
            return false;
        }

        var storage = builder.Configuration.GetSection($"{SessionMcpOptions.SectionName}:Storage").Get<StorageOptions>() ?? new();
        if (storage.Provider != StorageProvider.Postgres || string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            throw new InvalidOperationException("SessionMcp:Cluster:Enabled needs SessionMcp:Storage:Provider=Postgres and its ConnectionString: the hosts share the database, and their membership is kept in it.");
        }

        JoinCluster(builder, cluster, storage.ConnectionString);
        return true;
    }

    // Apart, and never inlined: compiling it loads Orleans, which a single host never needs.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void JoinCluster(IHostApplicationBuilder builder, SessionMcpClusterOptions cluster, string connectionString)
    {
        builder.Services.AddSingleton(cluster);
        builder.Services.AddHostedService(_ => new ClusterSchema(connectionString));
        builder.UseOrleans(silo =>
        {
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            });
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = cluster.ClusterId;
                options.ServiceId = cluster.ClusterId;
            });
            silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedAddress), cluster.SiloPort, gatewayPort: 0);

            // Lost hosts are found in seconds, not the default minute: their sessions are reported host_lost sooner.
            silo.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = TimeSpan.FromSeconds(1);
                options.NumMissedProbesLimit = 3;
                options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            });
#pragma warning disable ORLEANSEXP003 // Keeps a grain's registration through membership changes, so a session's calls keep going to its host.
            silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        });
        builder.Services.AddOptions<SiloOptions>().Configure<ServerInstance>((options, instance) => options.SiloName = instance.Id);
        builder.Services.AddSingleton<IRemoteSessions, GrainRemoteSessions>();
        builder.Services.AddSingleton<IIdentityQuota, GrainIdentityQuota>();
        builder.Services.AddHostedService<LostHostWatcher>();

        // Stopped before the silo leaves (hosted services stop in reverse): this host's sessions close as shutdown,
        // by this host, rather than being found host_lost by the others.
        builder.Services.AddHostedService(sp => new CloseSessionsBeforeLeaving(sp.GetRequiredService<BrowserSessionPool>(), sp.GetRequiredService<Core.Tasks.TaskRunner>(), TimeSpan.FromSeconds(cluster.DrainSeconds)));
    }
}
