using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace SessionMcp.Core.Sessions;

/// <summary>
/// Counts the bytes a session's downloads have received while they are still being written, from Chromium's own
/// progress events (Playwright reports a download only once it has finished, which for an endless one is never).
/// </summary>
internal sealed class DownloadMeter(Action overLimit)
{
    private readonly ConcurrentDictionary<IPage, byte> _watched = new();
    private readonly ConcurrentDictionary<string, long> _receiving = new();
    private long _kept;

    /// <summary>Bytes of downloads kept.</summary>
    public long Kept => Interlocked.Read(ref _kept);

    /// <summary>Bytes of downloads kept, plus those still arriving.</summary>
    public long Total => Kept + _receiving.Values.Sum();

    public void Keep(long bytes) => Interlocked.Add(ref _kept, bytes);

    /// <summary>Starts listening to a page's download progress, once per page.</summary>
    public async Task WatchAsync(IPage page)
    {
        if (!_watched.TryAdd(page, 0))
        {
            return;
        }

        page.Close += (_, _) => _watched.TryRemove(page, out _);
        try
        {
            var devtools = await page.Context.NewCDPSessionAsync(page);
            devtools.Event("Page.downloadProgress").OnEvent += (_, progress) => OnProgress(progress);
            await devtools.SendAsync("Page.enable");
        }
        catch (PlaywrightException)
        {
            // The page closed first: its downloads ended with it.
        }
    }

    private void OnProgress(JsonElement? progress)
    {
        if (progress is not { } e || !e.TryGetProperty("guid", out var guid) || guid.GetString() is not { } id)
        {
            return;
        }

        if (e.GetProperty("state").GetString() != "inProgress")
        {
            // Finished ones are counted by their saved file (Keep), cancelled ones not at all.
            _receiving.TryRemove(id, out _);
            return;
        }

        _receiving[id] = e.GetProperty("receivedBytes").GetInt64();
        overLimit();
    }
}
