using System.Text.Json;
using System.Text.Json.Nodes;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// <c>scrape {formats?}</c>: the page's main content (its <c>main</c>, <c>article</c> or body, without navigation,
/// scripts and chrome) as markdown (default), text and/or html.
/// </summary>
internal sealed class ScrapeCommand : IBrowserCommand
{
    private static readonly string[] Formats = ["markdown", "text", "html"];

    public string Name => "scrape";

    public PreparedStep Prepare(CommandData data)
    {
        var formats = data.GetStringList("formats") ?? ["markdown"];
        for (var i = 0; i < formats.Count; i++)
        {
            if (!Formats.Contains(formats[i]))
            {
                throw new InvalidArgumentException($"{data.Field("formats")}[{i}]", $"must be markdown, text or html; got '{formats[i]}'.");
            }
        }

        return new PreparedStep(Name, async context =>
        {
            var scraped = await context.Page.EvaluateAsync<JsonElement>(ScrapeScript.Source, formats.ToArray());
            var result = new JsonObject { ["url"] = context.Page.Url, ["title"] = await context.Page.TitleAsync() };
            foreach (var format in formats)
            {
                result[format] = scraped.GetProperty(format).GetString();
            }

            return result;
        }, ProducesOutput: true, LeavesPageAsIs: true);
    }
}
