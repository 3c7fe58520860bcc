using System.Text.Json;
using Microsoft.Playwright;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// A click on an element something else covers (a cookie banner, a modal, a loading veil) would wait for the whole
/// step timeout and then say only that the element was not ready. An element that is there and uncovered is
/// clicked at once; otherwise the click is tried without acting (Playwright's trial, which checks what would
/// receive it) in short slices, and when a slice fails and another element sits on the target's centre for
/// <see cref="CoveredFor"/>, the step fails naming that element.
/// </summary>
internal static class CoverCheck
{
    public static readonly TimeSpan CoveredFor = TimeSpan.FromSeconds(2);

    private const float TrialSliceMs = 500;

    private const string CoverOf = """
        el => {
          const r = el.getBoundingClientRect();
          if (!r.width || !r.height) return null;
          const x = r.left + r.width / 2, y = r.top + r.height / 2;
          if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return null;
          const root = el.getRootNode();
          const hit = (root.elementFromPoint ? root : document).elementFromPoint(x, y);
          if (!hit || hit === el || el.contains(hit)) return null;
          const id = hit.id ? '#' + hit.id : '';
          const classes = typeof hit.className === 'string' && hit.className.trim() ? '.' + hit.className.trim().split(/\s+/).slice(0, 3).join('.') : '';
          const text = (hit.innerText || hit.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60);
          return '<' + hit.tagName.toLowerCase() + id + classes + '>' + (text ? ' "' + text + '"' : '');
        }
        """;

    /// <summary>Clicks <paramref name="locator"/> once nothing covers it; a <see cref="TimeoutException"/> at the step's end, as Playwright's own.</summary>
    public static async Task ClickAsync(StepContext context, ElementTarget target, ILocator locator, LocatorClickOptions? options = null)
    {
        if (await IsSoleAndUncoveredAsync(context, target, locator))
        {
            await locator.ClickAsync(With(options, context.TimeoutMs, trial: false));
            return;
        }

        // Real time, like Playwright's own timeouts.
        var clock = TimeProvider.System;
        var started = clock.GetTimestamp();
        long? coveredSince = null;
        while (true)
        {
            var left = context.TimeoutMs - (float)clock.GetElapsedTime(started).TotalMilliseconds;
            if (left <= 0)
            {
                throw new TimeoutException($"click: {context.TimeoutMs:0} ms passed");
            }

            try
            {
                await locator.ClickAsync(With(options, Math.Min(TrialSliceMs, left), trial: true));
                break;
            }
            catch (TimeoutException)
            {
                var cover = await DescribeCoverAsync(locator);
                if (cover is null)
                {
                    coveredSince = null;
                    continue;
                }

                coveredSince ??= clock.GetTimestamp();
                if (clock.GetElapsedTime(coveredSince.Value) >= CoveredFor)
                {
                    throw new CommandFailedException(
                        $"{target.Describe()} is covered by {ErrorText.Quote(cover)}, which would receive the click; close or wait out what covers it (a dialog, a banner, an overlay), or act on that element instead.");
                }
            }
        }

        var remaining = Math.Max(1, context.TimeoutMs - (float)clock.GetElapsedTime(started).TotalMilliseconds);
        await locator.ClickAsync(With(options, remaining, trial: false));
    }

    private static LocatorClickOptions With(LocatorClickOptions? options, float timeoutMs, bool trial) => new(options ?? new LocatorClickOptions())
    {
        Timeout = timeoutMs,
        Trial = trial,
    };

    private static async Task<string?> DescribeCoverAsync(ILocator locator)
    {
        try
        {
            return await locator.CountAsync() == 0 ? null : await CoverOfPresentAsync(locator);
        }
        catch (PlaywrightException)
        {
            // The page is between documents: nothing to say about covers.
            return null;
        }
    }

    /// <summary>Whether exactly one element matches and nothing covers it: asked in one round trip, before the click.</summary>
    private static async Task<bool> IsSoleAndUncoveredAsync(StepContext context, ElementTarget target, ILocator locator)
    {
        if (target.Selector is { } selector && await CssAnswerAsync(context, selector) is { } answer)
        {
            return answer;
        }

        try
        {
            return await locator.EvaluateAllAsync<bool>($"els => els.length === 1 && ({CoverOf})(els[0]) === null");
        }
        catch (PlaywrightException)
        {
            // The page is between documents: the careful way below waits for it.
            return false;
        }
    }

    /// <summary>
    /// The same question for a selector that is plain CSS, asked straight through DevTools: Playwright would first
    /// load its selector engine into the page's script world, ~25 ms on every new document (measured), where the
    /// click itself runs in Playwright's own world. Null when the selector is not plain CSS (text=, role=, >>,
    /// :has-text…) or matches nothing in the light DOM (not there yet, or inside a shadow root): Playwright answers then.
    /// </summary>
    private static async Task<bool?> CssAnswerAsync(StepContext context, string selector)
    {
        var expression = $$"""
            (() => {
              let found;
              try { found = document.querySelectorAll({{JsonSerializer.Serialize(selector)}}); } catch { return null; }
              if (found.length === 0) return null;
              return found.length === 1 && ({{CoverOf}})(found[0]) === null;
            })()
            """;
        try
        {
            var devTools = await context.Tab.GetDevToolsAsync(context.Session.Context);
            var reply = await devTools.SendAsync("Runtime.evaluate", new Dictionary<string, object> { ["expression"] = expression, ["returnByValue"] = true });
            return reply is { } answer && answer.TryGetProperty("result", out var result) && result.TryGetProperty("value", out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? value.GetBoolean()
                : null;
        }
        catch (PlaywrightException)
        {
            // The page is between documents: Playwright's way waits for it.
            return null;
        }
    }

    /// <summary>What covers an element known to be there, or null.</summary>
    private static async Task<string?> CoverOfPresentAsync(ILocator locator)
    {
        try
        {
            return await locator.First.EvaluateAsync<string?>(CoverOf, null, new LocatorEvaluateOptions { Timeout = 1000 });
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // Not there yet, or the page is between documents: nothing to say about covers.
            return null;
        }
    }
}
