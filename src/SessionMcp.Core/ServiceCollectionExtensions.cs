using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SessionMcp.Core.Browser;
using SessionMcp.Core.Frames;
using SessionMcp.Core.Profiles;
using SessionMcp.Core.Storage;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Core.Tasks.Commands;

namespace SessionMcp.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the session pool, task runner, frames and their background services. Bind
    /// <see cref="SessionMcpOptions"/> separately (the host knows its configuration).
    /// </summary>
    public static IServiceCollection AddSessionMcpCore(this IServiceCollection services, bool warmUpBrowser = true)
    {
        services.AddOptions<SessionMcpOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<SessionMcpOptions>>().Value);
        services.AddSingleton<NavigationPolicy>();
        services.AddSingleton<BrowserProvider>();
        services.AddSingleton(sp => ServerInstance.Claim(sp.GetRequiredService<SessionMcpOptions>()));
        services.AddSessionMcpStores();
        services.AddSingleton<ProfileService>();
        services.AddSingleton<BrowserSessionPool>();
        services.AddSingleton<CommandRegistry>();
        services.AddSingleton<RunStore>();
        services.AddSingleton(sp => new TaskRunner(
            sp.GetRequiredService<BrowserSessionPool>(),
            sp.GetRequiredService<CommandRegistry>(),
            sp.GetRequiredService<RunStore>(),
            sp.GetRequiredService<NavigationPolicy>(),
            sp.GetRequiredService<SessionMcpOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<TaskRunner>>(),
            sp.GetService<IRemoteSessions>()));
        services.AddSingleton<FrameSource>();
        services.AddHostedService<SessionHistoryRecovery>();
        services.AddHostedService<SessionExpiryService>();
        if (warmUpBrowser)
        {
            services.AddHostedService<BrowserWarmupService>();
        }

        return services;
    }
}
