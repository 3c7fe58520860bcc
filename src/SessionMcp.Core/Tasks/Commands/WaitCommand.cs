using System.Text.Json.Nodes;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>wait {ms}</c>: a fixed pause; prefer wait_for_selector, which ends as soon as the page is ready.</summary>
internal sealed class WaitCommand : IBrowserCommand
{
    public string Name => "wait";

    public PreparedStep Prepare(CommandData data)
    {
        var ms = data.GetInt("ms", 0, 300_000, "ms") ?? throw new Errors.InvalidArgumentException(data.Field("ms"), "is required: milliseconds to wait, 0 to 300000.");
        return new PreparedStep(Name, async context =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(ms), context.Time, context.CancellationToken);
            return (JsonNode?)null;
        }, WaitsLongerThanStep: true);
    }
}
