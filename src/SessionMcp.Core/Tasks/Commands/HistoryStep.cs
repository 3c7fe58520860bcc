using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>The shared body of go_back, go_forward and reload: move, then say where the page is.</summary>
internal static class HistoryStep
{
    public static async Task<JsonNode?> RunAsync(StepContext context, Func<IPage, Task<IResponse?>> move)
    {
        var before = context.Tab.Navigations;
        try
        {
            await move(context.Page);
        }
        catch (TimeoutException)
        {
            throw new CommandFailedException($"the page did not finish loading within {context.TimeoutMs:0} ms; it is at {context.Page.Url}.");
        }

        var state = (JsonObject)(await PageState.DescribeAsync(context.Page))!;
        state["navigated"] = context.Tab.Navigations > before;
        return state;
    }
}
