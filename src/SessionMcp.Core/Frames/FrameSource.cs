using Microsoft.Playwright;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Core.Frames;

/// <summary>
/// Captures a session's viewport through the DevTools protocol, scaled in the browser so that only the
/// requested size is encoded and sent.
/// </summary>
public sealed class FrameSource(TimeProvider time, SessionMcpOptions options)
{
    private const int CaptureAttempts = 5;

    private static readonly TimeSpan CaptureRetryDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The active tab's viewport. A page stuck in a script cannot paint or answer: past the step timeout the capture
    /// gives up, the tab is opened again fresh (cookies and storage stay), and the caller is told so.
    /// </summary>
    public async Task<Frame> CaptureAsync(BrowserSession session, FrameRequest request, CancellationToken cancellationToken)
    {
        Validate(request);
        session.ThrowIfClosed();
        var tab = await session.GetActiveTabAsync();
        var capture = CaptureAsync(session, tab, request, cancellationToken);
        try
        {
            // Real time, like Playwright's own timeouts: a fake clock must not fake a hang.
            return await capture.WaitAsync(TimeSpan.FromMilliseconds(options.StepTimeoutMs), TimeProvider.System, cancellationToken);
        }
        catch (TimeoutException) when (!capture.IsCompleted)
        {
            _ = capture.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            var recovery = await Tasks.PageScripts.RecoverAsync(session, tab);
            throw new PageNotRespondingException(
                "browser_session_id",
                $"stream_frame: the page did not answer within {options.StepTimeoutMs} ms (a script that never finishes?); {recovery}. Call stream_frame again.");
        }
    }

    private async Task<Frame> CaptureAsync(BrowserSession session, SessionTab tab, FrameRequest request, CancellationToken cancellationToken)
    {
        var page = tab.Page;
        var (viewportWidth, viewportHeight) = page.ViewportSize is { } size ? (size.Width, size.Height) : (session.Settings.ViewportWidth, session.Settings.ViewportHeight);
        var scale = FrameScale.Fit(viewportWidth, viewportHeight, request.MaxWidth, request.MaxHeight);

        var cdp = await tab.GetDevToolsAsync(session.Context);
        var parameters = new Dictionary<string, object>
        {
            ["format"] = request.Format,
            ["clip"] = new Dictionary<string, object> { ["x"] = 0, ["y"] = 0, ["width"] = viewportWidth, ["height"] = viewportHeight, ["scale"] = scale },
        };
        if (request.Format == "jpeg")
        {
            parameters["quality"] = request.Quality ?? 75;
        }

        var data = await CaptureWithRetryAsync(cdp, parameters, cancellationToken);

        IReadOnlyList<ElementBox>? boxes = null;
        if (request.WithBoxes)
        {
            boxes = await SnapshotBoxes.TakeAsync(page, scale);
        }

        return new Frame(
            data,
            request.Format == "png" ? "image/png" : "image/jpeg",
            (int)Math.Round(viewportWidth * scale),
            (int)Math.Round(viewportHeight * scale),
            page.Url,
            await page.TitleAsync(),
            session.NextFrameSeq(),
            time.GetUtcNow(),
            boxes);
    }

    /// <summary>
    /// Chromium refuses a capture while the page has no frame to show yet (just after a navigation commits, before
    /// its first paint): that passes within a few frames, so try again briefly before telling the client.
    /// </summary>
    private async Task<byte[]> CaptureWithRetryAsync(ICDPSession cdp, Dictionary<string, object> parameters, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var reply = await cdp.SendAsync("Page.captureScreenshot", parameters).WaitAsync(cancellationToken);
                return Convert.FromBase64String(reply!.Value.GetProperty("data").GetString()!);
            }
            catch (PlaywrightException ex) when (ex.Message.Contains("Unable to capture screenshot", StringComparison.Ordinal))
            {
                if (attempt == CaptureAttempts)
                {
                    throw new PageNotRespondingException("browser_session_id", "stream_frame: the page has nothing painted to capture (it is still loading, or stuck in a script); call stream_frame again in a moment, or run_task, which cuts a stuck page off.");
                }

                await Task.Delay(CaptureRetryDelay, time, cancellationToken);
            }
        }
    }

    private static void Validate(FrameRequest request)
    {
        if (request.Format is not ("jpeg" or "png"))
        {
            throw new InvalidArgumentException("format", $"must be jpeg or png; got '{request.Format}'.");
        }

        if (request.Quality is < 1 or > 100)
        {
            throw new InvalidArgumentException("quality", $"must be from 1 to 100; got {request.Quality}.");
        }

        if (request.MaxWidth is < 16 or > 7680)
        {
            throw new InvalidArgumentException("max_width", $"must be from 16 to 7680 pixels; got {request.MaxWidth}.");
        }

        if (request.MaxHeight is < 16 or > 4320)
        {
            throw new InvalidArgumentException("max_height", $"must be from 16 to 4320 pixels; got {request.MaxHeight}.");
        }
    }
}
