using Microsoft.Playwright;

namespace SessionMcp.Core.Sessions;

/// <summary>
/// Lets a step wait for the tabs and downloads it started. Playwright reports a new page or a download a moment
/// after the click that caused it has returned; the page itself counts what it started (window.open, links and
/// forms with a target, links with a download attribute), so the step knows exactly what to wait for, and waits
/// for nothing otherwise.
/// </summary>
internal static class SpawnWatch
{
    public const string InitScript = """
        (() => {
          if (window.__sessionMcpSpawned !== undefined) return;
          window.__sessionMcpSpawned = { tabs: 0, downloads: 0 };
          const open = window.open;
          window.open = function (...args) { window.__sessionMcpSpawned.tabs++; return open.apply(this, args); };
          const opensTab = (el) => {
            const target = (el.getAttribute('target') || '').toLowerCase();
            return target !== '' && target !== '_self' && target !== '_parent' && target !== '_top';
          };
          // On window, bubbling: runs after the page's own handlers, so a cancelled click is not counted.
          window.addEventListener('click', (event) => {
            const link = event.target instanceof Element ? event.target.closest('a[href], area[href]') : null;
            if (!link || event.defaultPrevented) return;
            if (link.hasAttribute('download')) window.__sessionMcpSpawned.downloads++;
            else if (opensTab(link)) window.__sessionMcpSpawned.tabs++;
          });
          document.addEventListener('submit', (event) => {
            if (event.target instanceof HTMLFormElement && opensTab(event.target)) window.__sessionMcpSpawned.tabs++;
          }, true);
        })();
        """;

    private const string TakeCounts = """
        () => {
          const spawned = window.__sessionMcpSpawned || { tabs: 0, downloads: 0 };
          window.__sessionMcpSpawned = { tabs: 0, downloads: 0 };
          return [spawned.tabs, spawned.downloads];
        }
        """;

    /// <summary>How many tabs and downloads the page started since the last call (none when the page is gone).</summary>
    public static async Task<(int Tabs, int Downloads)> TakeCountsAsync(IPage page)
    {
        try
        {
            if (page.IsClosed)
            {
                return (0, 0);
            }

            var counts = await page.EvaluateAsync<int[]>(TakeCounts);
            return (counts[0], counts[1]);
        }
        catch (PlaywrightException)
        {
            // The page navigated or closed during the call: whatever it started shows up by itself.
            return (0, 0);
        }
    }
}
