using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SessionMcp.Core.Profiles;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Storage.Postgres;
using SessionMcp.Core.Storage.Sqlite;
using SessionMcp.Core.Tasks;

namespace SessionMcp.Core.Storage;

internal static class StoreRegistration
{
    /// <summary>The three stores on the configured provider: SQLite in the data folder, or the shared PostgreSQL database.</summary>
    public static IServiceCollection AddSessionMcpStores(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SqliteDatabase(Options(sp)));
        services.AddSingleton(sp => new PostgresDatabase(Options(sp).Storage));
        services.TryAddSingleton<IProfileStore>(sp => OnPostgres(sp)
            ? new PostgresProfileStore(sp.GetRequiredService<PostgresDatabase>())
            : new SqliteProfileStore(sp.GetRequiredService<SqliteDatabase>()));
        services.TryAddSingleton<ISessionHistory>(sp => OnPostgres(sp)
            ? new PostgresSessionHistory(sp.GetRequiredService<PostgresDatabase>(), Options(sp), sp.GetRequiredService<ServerInstance>(), sp.GetRequiredService<TimeProvider>())
            : new SqliteSessionHistory(sp.GetRequiredService<SqliteDatabase>(), Options(sp), sp.GetRequiredService<ServerInstance>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IRunArchive>(sp => OnPostgres(sp)
            ? new PostgresRunArchive(sp.GetRequiredService<PostgresDatabase>())
            : new SqliteRunArchive(sp.GetRequiredService<SqliteDatabase>()));
        return services;
    }

    private static SessionMcpOptions Options(IServiceProvider services) => services.GetRequiredService<SessionMcpOptions>();

    private static bool OnPostgres(IServiceProvider services) => Options(services).Storage.Provider == StorageProvider.Postgres;
}
