using System.Text.Json;
using Microsoft.Playwright;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>evaluate {expression}</c>: runs JavaScript in the page and returns its JSON value; off unless SessionMcp:AllowEvaluate is true.</summary>
internal sealed class EvaluateCommand(SessionMcpOptions options) : IBrowserCommand
{
    public string Name => "evaluate";

    public PreparedStep Prepare(CommandData data)
    {
        if (!options.AllowEvaluate)
        {
            throw new InvalidArgumentException(
                data.Path.Replace(".data", ".command", StringComparison.Ordinal),
                "'evaluate' is turned off on this server, because it runs arbitrary JavaScript; use extract, extract_text or scrape, or ask the operator to set SessionMcp:AllowEvaluate to true.");
        }

        var expression = data.RequireString("expression", "\"document.title\"");
        return new PreparedStep(Name, async context =>
        {
            try
            {
                return JsonNodes.From(await context.Page.EvaluateAsync<JsonElement?>(expression));
            }
            catch (PlaywrightException ex) when (!context.Page.IsClosed)
            {
                throw new CommandFailedException($"the expression threw: {ErrorText.FirstLine(ex.Message)}");
            }
        }, ProducesOutput: true);
    }
}
