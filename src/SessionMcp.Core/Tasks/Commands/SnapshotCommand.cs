using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// <c>snapshot {selector?, mode?, text_chars?, max_chars?, offset?, since_last?}</c>: the page's accessibility tree
/// from Playwright's AI snapshot, where interactive elements carry refs (<c>[ref=e12]</c>) that later commands
/// accept as <c>ref</c>; <c>compact</c> by default (see <see cref="CompactSnapshot"/>, each text cut to
/// <c>text_chars</c>, 160 by default, 0 for all), <c>full</c> as Playwright writes it.
/// </summary>
internal sealed class SnapshotCommand : IBrowserCommand
{
    public string Name => "snapshot";

    public PreparedStep Prepare(CommandData data)
    {
        var selector = data.GetString("selector");
        var maxChars = data.GetInt("max_chars", 200, 10_000_000, "characters");
        var offset = data.GetInt("offset", 0, int.MaxValue, "characters") ?? 0;
        var sinceLast = data.GetBool("since_last") ?? false;
        var compact = (data.GetChoice("mode", "compact", "full") ?? "compact") == "compact";
        var textChars = data.GetInt("text_chars", 0, 1_000_000, "characters") ?? CompactSnapshot.DefaultTextChars;
        return new PreparedStep(Name, async context =>
        {
            // Before the page's snapshot: refs resolve against the latest snapshot taken, which must be the page's.
            var clickable = compact ? await ClickableWatch.RefsAsync(context.Page, context.TimeoutMs) : null;
            var taken = await TakeAsync(context, selector);
            var full = compact ? CompactSnapshot.Render(taken, clickable, textChars) : taken;
            var previous = context.Session.LastSnapshots.GetValueOrDefault(context.Page);
            context.Session.LastSnapshots[context.Page] = full;
            var text = sinceLast ? SnapshotText.Changes(previous, full) : full;
            return JsonValue.Create(SnapshotText.Window(text, offset, maxChars));
        }, ProducesOutput: true, LeavesPageAsIs: true);
    }

    private static async Task<string> TakeAsync(StepContext context, string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return await PasswordMask.PageSnapshotAsync(context.Page, context.TimeoutMs);
        }

        var taken = await context.OnElementAsync(
            ElementTarget.FromSelector(selector),
            locator => locator.First.AriaSnapshotAsync(new LocatorAriaSnapshotOptions { Mode = AriaSnapshotMode.Ai, Timeout = context.TimeoutMs }));
        return await PasswordMask.ApplyAsync(context.Page, taken);
    }
}
