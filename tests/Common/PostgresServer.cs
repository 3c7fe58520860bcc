using System.Diagnostics;
using Npgsql;

namespace SessionMcp.Tests.Common;

/// <summary>
/// A PostgreSQL server from the machine's packages, started for the tests on a free loopback port in a new temporary
/// data directory, and stopped and removed with them. PostgreSQL refuses to run as root, so under root the server
/// runs as the packages' <c>postgres</c> user.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private PostgresServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Whether the machine has PostgreSQL's server binaries (Debian's postgresql package).</summary>
    public static bool IsInstalled => TryBinFolder() is not null;

    /// <summary>The connection string of the server's administrative database.</summary>
    public string AdminConnectionString => ConnectionString("postgres");

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "sessionmcp", Database = database, Pooling = true }.ToString();

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = BinFolder();
        var directory = Path.Combine(Path.GetTempPath(), "sessionmcp-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["postgres", directory]);
        }

        var data = Path.Combine(directory, "data");
        await RunAsync(Command(asRoot, Path.Combine(bin, "initdb")), [.. Prefix(asRoot, Path.Combine(bin, "initdb")), "-D", data, "-U", "sessionmcp", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        var port = LoopbackPort.Free();
        var postgres = Path.Combine(bin, "postgres");
        var start = new ProcessStartInfo(Command(asRoot, postgres))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in Prefix(asRoot, postgres).Concat(["-D", data, "-p", $"{port}", "-k", directory, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=300"]))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new PostgresServer(process, directory, port);
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>A new empty database (named <paramref name="name"/>, or anew), so each test starts from nothing.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "t_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private async Task WaitUntilReadyAsync()
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString + ";Pooling=false;Timeout=2");
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (waited.Elapsed < TimeSpan.FromSeconds(30) && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    private static string BinFolder() =>
        TryBinFolder() ?? throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres); scripts/setup.sh --tests installs it.");

    private static string? TryBinFolder() => Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "postgres")))
        : null;

    private static string Command(bool asRoot, string program) => asRoot ? "runuser" : program;

    private static string[] Prefix(bool asRoot, string program) => asRoot ? ["-u", "postgres", "--", program] : [];

    private static async Task RunAsync(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}{await output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (!_process.HasExited)
        {
            // SIGINT to the postmaster (under root, runuser's child): PostgreSQL's fast shutdown, clients disconnected.
            var postmaster = File.ReadLines(Path.Combine(_directory, "data", "postmaster.pid")).First();
            Process.Start("kill", ["-INT", postmaster])?.WaitForExit();
            if (!_process.WaitForExit(10_000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
        await Task.CompletedTask;
    }
}
