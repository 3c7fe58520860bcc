using SessionMcp.Core.Browser;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>The commands <c>run_task</c> knows, by contract name; checks a whole command list before a run starts.</summary>
public sealed class CommandRegistry
{
    private readonly Dictionary<string, IBrowserCommand> _commands;

    public CommandRegistry(NavigationPolicy policy, SessionMcpOptions options)
    {
        IBrowserCommand[] all =
        [
            new NavigateCommand(policy), new ClickCommand(), new TypeTextCommand(), new PressKeyCommand(),
            new SelectOptionCommand(), new CheckCommand(), new HoverCommand(), new ScrollCommand(), new UploadFileCommand(options),
            new WaitForSelectorCommand(), new WaitForNavigationCommand(), new WaitCommand(), new ExtractTextCommand(),
            new ExtractCommand(), new ScrapeCommand(), new SnapshotCommand(), new ScreenshotCommand(), new GoBackCommand(),
            new GoForwardCommand(), new ReloadCommand(), new ListTabsCommand(), new SwitchTabCommand(), new CloseTabCommand(),
            new HandleDialogCommand(), new EvaluateCommand(options), new WaitForHumanCommand(),
        ];
        _commands = all.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _waitForHuman = options.WaitForHuman == true;
    }

    private readonly bool _waitForHuman;

    public IReadOnlyCollection<string> Names => _commands.Keys;

    /// <summary>Checks every command and its data; throws an <see cref="InvalidArgumentException"/> naming the first one at fault.</summary>
    public IReadOnlyList<PreparedStep> Prepare(IReadOnlyList<CommandRequest> commands)
    {
        var steps = new List<PreparedStep>(commands.Count);
        for (var i = 0; i < commands.Count; i++)
        {
            var request = commands[i] ?? throw new InvalidArgumentException($"commands[{i}]", "is null; each command is an object {\"command\": \"click\", \"data\": {...}}.");
            var name = request.Command?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                throw new InvalidArgumentException($"commands[{i}].command", $"is missing; it names the command: {string.Join(", ", _commands.Keys)}.");
            }

            if (!_commands.TryGetValue(name, out var command))
            {
                throw new InvalidArgumentException($"commands[{i}].command", $"'{name}' is not a command{Suggestion(name)}; the commands are {string.Join(", ", _commands.Keys)}.");
            }

            if (command is WaitForHumanCommand && !_waitForHuman)
            {
                throw new InvalidArgumentException(
                    $"commands[{i}].command",
                    "'wait_for_human' needs a person at the session's live view (app_url), which the server serves over HTTP: start it with --http (or set SessionMcp:WaitForHuman=true where a live view is reachable).");
            }

            steps.Add(command.Prepare(new CommandData(request.Data, $"commands[{i}].data")));
        }

        return steps;
    }

    private string Suggestion(string name)
    {
        var closest = _commands.Keys.MinBy(k => EditDistance(k, name.ToLowerInvariant()));
        return closest is not null && EditDistance(closest, name.ToLowerInvariant()) <= 3 ? $" (did you mean '{closest}'?)" : "";
    }

    private static int EditDistance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }
}
