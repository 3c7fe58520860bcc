using ModelContextProtocol.Client;
using SessionMcp.Tests.Common;

namespace SessionMcp.Benchmarks;

/// <summary>
/// What a call to a session costs when it reaches another host of a cluster than the one holding the session: two
/// hosts on a PostgreSQL server, nginx round-robin in front, all started here. The same read (a one-command run_task)
/// is sent in turns to the holding host and to the other one, then through nginx (every other call routed).
/// </summary>
internal static class ClusterRouting
{
    public static async Task<(Stats Local, Stats Routed, Stats Balanced)?> MeasureAsync(string serverDll, LocalSite site, int runs)
    {
        if (!PostgresServer.IsInstalled || !NginxFront.IsInstalled)
        {
            Console.Error.WriteLine("benchmark: cluster routing skipped (PostgreSQL or nginx is not installed; scripts/setup.sh --tests installs them)");
            return null;
        }

        await using var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var holder = await StartHostAsync(serverDll, "host-a", database);
        await using var other = await StartHostAsync(serverDll, "host-b", database);
        await using var front = await NginxFront.StartAsync([holder.BaseUrl, other.BaseUrl]);
        await using var onHolder = await holder.ConnectAsync();
        await using var onOther = await other.ConnectAsync();
        await using var balanced = await HttpHostProcess.Connect(front.BaseUrl, null);

        var created = await onHolder.CallToolAsync("create_browser_session", new Dictionary<string, object?> { ["start_url"] = site.Url("/article") });
        var id = created.StructuredContent!.Value.GetProperty("browser_session_id").GetString();
        Task ReadAsync(McpClient client) => client.CallToolAsync("run_task", new Dictionary<string, object?>
        {
            ["browser_session_id"] = id,
            ["commands"] = new object[] { new { command = "extract_text", data = new { selector = "h1" } } },
        }).AsTask();

        var (local, routed) = await Measure.InTurnsAsync(runs, () => ReadAsync(onHolder), () => ReadAsync(onOther));
        var throughFront = await Measure.RepeatAsync(runs, _ => ReadAsync(balanced));
        await onHolder.CallToolAsync("close_browser_session", new Dictionary<string, object?> { ["browser_session_id"] = id });
        return (local, routed, throughFront);
    }

    private static Task<HttpHostProcess> StartHostAsync(string serverDll, string name, string database) => HttpHostProcess.StartAsync(
        serverDll,
        name,
        null,
        "--SessionMcp:Storage:Provider=Postgres",
        $"--SessionMcp:Storage:ConnectionString={database}",
        $"--SessionMcp:Storage:HostName={name}",
        "--SessionMcp:Cluster:Enabled=true",
        $"--SessionMcp:Cluster:SiloPort={LoopbackPort.Free()}",
        "--Logging:LogLevel:Default=Warning");
}
