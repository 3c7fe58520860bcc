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
        if (await IsSoleAndUncoveredAsync(locator))
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
    private static async Task<bool> IsSoleAndUncoveredAsync(ILocator locator)
    {
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
