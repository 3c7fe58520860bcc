using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Playwright;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Core.Frames;

/// <summary>
/// Live frames of a session from Chromium's screencast, for one viewer: capture runs only while the stream is
/// open, follows the session to whichever tab is active, and ends when the session closes. A slow viewer gets
/// the newest frame, not a backlog.
/// </summary>
public sealed class ScreencastFeed : IAsyncDisposable
{
    private readonly BrowserSession _session;
    private readonly ScreencastOptions _options;
    private readonly TimeProvider _time;
    private readonly Channel<Frame> _frames = Channel.CreateBounded<Frame>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
    private readonly SemaphoreSlim _switch = new(1, 1);
    private ICDPSession? _cdp;
    private IPage? _page;
    private int _disposed;

    private ScreencastFeed(BrowserSession session, ScreencastOptions options, TimeProvider time)
    {
        _session = session;
        _options = options;
        _time = time;
    }

    public ChannelReader<Frame> Frames => _frames.Reader;

    public static async Task<ScreencastFeed> StartAsync(BrowserSession session, ScreencastOptions options, TimeProvider time)
    {
        session.ThrowIfClosed();
        var feed = new ScreencastFeed(session, options, time);
        session.ScreencastOpened();
        session.ActiveTabChanged += feed.OnActiveTabChanged;
        _ = session.Closed.ContinueWith(_ => feed._frames.Writer.TryComplete(), TaskScheduler.Default);
        await feed.FollowActiveTabAsync();
        return feed;
    }

    private void OnActiveTabChanged() => _ = FollowActiveTabAsync();

    private async Task FollowActiveTabAsync()
    {
        await _switch.WaitAsync();
        try
        {
            var page = _session.ActiveTab?.Page;
            if (Volatile.Read(ref _disposed) == 1 || page == _page || page is null || page.IsClosed)
            {
                return;
            }

            await StopAsync();
            _page = page;
            _cdp = await _session.Context.NewCDPSessionAsync(page);
            var cdp = _cdp;
            cdp.Event("Page.screencastFrame").OnEvent += (_, frame) => _ = OnFrameAsync(cdp, page, frame);
            var parameters = new Dictionary<string, object> { ["format"] = "jpeg", ["quality"] = _options.Quality };
            if (_options.MaxWidth is { } width)
            {
                parameters["maxWidth"] = width;
            }

            if (_options.MaxHeight is { } height)
            {
                parameters["maxHeight"] = height;
            }

            await cdp.SendAsync("Page.startScreencast", parameters);
        }
        catch (PlaywrightException)
        {
            // The tab or the session closed while we switched; the next change or the close ends the stream.
        }
        finally
        {
            _switch.Release();
        }
    }

    private async Task OnFrameAsync(ICDPSession cdp, IPage page, JsonElement? frame)
    {
        if (frame is not { } payload)
        {
            return;
        }

        try
        {
            // Chromium sends the next frame only after this one is acknowledged: that is the stream's flow control.
            await cdp.SendAsync("Page.screencastFrameAck", new() { ["sessionId"] = payload.GetProperty("sessionId").GetInt32() });
            var data = Convert.FromBase64String(payload.GetProperty("data").GetString()!);
            var metadata = payload.GetProperty("metadata");
            var deviceWidth = metadata.GetProperty("deviceWidth").GetDouble();
            var deviceHeight = metadata.GetProperty("deviceHeight").GetDouble();
            var scale = FrameScale.Fit(deviceWidth, deviceHeight, _options.MaxWidth, _options.MaxHeight);
            IReadOnlyList<ElementBox>? boxes = null;
            if (_options.WithBoxes)
            {
                boxes = await SnapshotBoxes.TakeAsync(page, scale);
            }

            _frames.Writer.TryWrite(new Frame(
                data,
                "image/jpeg",
                (int)Math.Round(deviceWidth * scale),
                (int)Math.Round(deviceHeight * scale),
                page.Url,
                await page.TitleAsync(),
                _session.NextFrameSeq(),
                _time.GetUtcNow(),
                boxes));
        }
        catch (PlaywrightException)
        {
            // The page went away mid-frame; a tab change or the session's close follows.
        }
    }

    private async Task StopAsync()
    {
        if (_cdp is { } cdp)
        {
            _cdp = null;
            try
            {
                await cdp.SendAsync("Page.stopScreencast");
                await cdp.DetachAsync();
            }
            catch (PlaywrightException)
            {
                // Already gone with its page.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _session.ActiveTabChanged -= OnActiveTabChanged;
        await _switch.WaitAsync();
        try
        {
            await StopAsync();
        }
        finally
        {
            _switch.Release();
        }

        _frames.Writer.TryComplete();
        _session.ScreencastClosed();
    }
}
