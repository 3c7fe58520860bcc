using SessionMcp.Core;
using SessionMcp.Core.Browser;

namespace SessionMcp.Server.Cli;

/// <summary>
/// What <c>sessionmcp</c> does besides serving: <c>install-browser</c>, <c>--version</c>, <c>--help</c>. Null when
/// the arguments ask for the server (none, <c>--http</c>, or configuration such as <c>--SessionMcp:MaxSessions=5</c>).
/// </summary>
public static class Subcommands
{
    public static int? TryRun(string[] args, IConfiguration configuration, TextWriter output)
    {
        switch (args.FirstOrDefault())
        {
            case "install-browser":
                var options = configuration.GetSection(SessionMcpOptions.SectionName).Get<SessionMcpOptions>() ?? new SessionMcpOptions();
                return new BrowserInstaller(BrowserInstaller.ThisMachine(options), output).Run(force: args.Contains("--force", StringComparer.Ordinal));
            case "--version":
                output.WriteLine(ServerVersion.Package);
                return 0;
            case "--help" or "-h":
                output.WriteLine(Usage);
                return 0;
            default:
                return null;
        }
    }


    private const string Usage = """
        sessionmcp: live browser sessions for AI agents, over MCP.

          sessionmcp                      serve MCP over stdio (what Claude Desktop, Claude Code, VS Code and Cursor start)
          sessionmcp --http               serve Streamable HTTP on http://127.0.0.1:5800/mcp (and legacy SSE on /sse)
          sessionmcp install-browser      find the Chromium the server will use, or install one [--force]
          sessionmcp --version | --help

        Settings: --SessionMcp:<Name>=<value>, or environment SessionMcp__<Name>=<value> (see the README's Configuration).
        """;
}
