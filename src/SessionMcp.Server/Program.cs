using SessionMcp.Server;
using SessionMcp.Server.Cli;
using SessionMcp.Server.Http;

// stdio by default; "--http" (or SessionMcp:Http:Enabled=true) serves Streamable HTTP instead.
var http = args.Contains("--http", StringComparer.Ordinal);
var rest = args.Where(a => a != "--http").ToArray();
var settings = new ConfigurationBuilder()
    .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
    .AddEnvironmentVariables()
    .AddCommandLine(rest)
    .Build();
if (Subcommands.TryRun(rest, settings, Console.Out) is { } exitCode)
{
    return exitCode;
}

// The browser driver starts while the host does: the first session then waits for one, not for both in turn.
SessionMcp.Core.Browser.PlaywrightDriver.StartEarly();

if (http || settings.GetValue<bool>($"{HttpOptions.SectionName}:Enabled"))
{
    try
    {
        await HttpServerHost.Build(rest).RunAsync();
    }
    catch (InvalidOperationException ex) when (ex.Message.StartsWith("SessionMcp:", StringComparison.Ordinal))
    {
        // A refused configuration: say why, plainly, and stop.
        await Console.Error.WriteLineAsync("SessionMcp: " + ex.Message);
        return 2;
    }
}
else
{
    await StdioServerHost.Build(rest).RunAsync();
}

return 0;
