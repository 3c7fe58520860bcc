using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace SessionMcp.Core.Sessions;

/// <summary>
/// Keeps the files a session's pages download in the session's own folder, deleted when it closes; at most
/// <see cref="SessionLimits.MaxDownloadsPerSession"/> of them and <see cref="SessionLimits.MaxDownloadBytesPerSession"/> bytes.
/// </summary>
internal sealed class DownloadKeeper
{
    private readonly ConcurrentDictionary<Task, byte> _pending = new();
    private readonly ConcurrentDictionary<IDownload, byte> _writing = new();
    private readonly ConcurrentDictionary<IDownload, byte> _cutOff = new();
    private readonly CountSignal _started = new();
    private readonly Action<SessionEvent> _report;
    private readonly int _maxDownloads;
    private readonly long _maxBytes;
    private readonly DownloadMeter _meter;
    private int _accepted;

    public DownloadKeeper(string folder, Action<SessionEvent> report, SessionLimits limits)
    {
        Folder = folder;
        _report = report;
        _maxDownloads = limits.MaxDownloadsPerSession;
        _maxBytes = limits.MaxDownloadBytesPerSession;
        _meter = new DownloadMeter(CutOffIfOverSize);
    }

    public string Folder { get; }

    /// <summary>Bytes the session's downloads have written, kept or still arriving.</summary>
    public long Bytes => _meter.Total;

    /// <summary>Downloads the pages started so far, refused ones included.</summary>
    public long Started => _started.Count;

    /// <summary>Meters the page's downloads from now on: Chromium reports progress only to those listening when one begins.</summary>
    public Task WatchAsync(IPage page) => _meter.WatchAsync(page);

    public void Accept(IDownload download)
    {
        if (Interlocked.Increment(ref _accepted) > _maxDownloads || _meter.Total >= _maxBytes)
        {
            // A page that starts download after download must not fill the disk: past the limit they are cancelled.
            _ = download.CancelAsync();
            Refuse(download, RefusalReason());

            // Counted as started all the same: a step waiting for the download it caused learns of it at once.
            _started.Increment();
            return;
        }

        _writing[download] = 0;
        var saving = SaveAsync(download);
        _pending[saving] = 0;
        _ = saving.ContinueWith(t => _pending.TryRemove(t, out _), TaskScheduler.Default);
        _started.Increment();
    }

    public Task WaitForStartedAsync(long count, CancellationToken cancellationToken) => _started.WaitForAsync(count, cancellationToken);

    /// <summary>Waits for downloads still being written, so a step reports them complete.</summary>
    public Task WhenSavedAsync(CancellationToken cancellationToken) =>
        _pending.IsEmpty ? Task.CompletedTask : Task.WhenAll(_pending.Keys).WaitAsync(cancellationToken);

    private async Task SaveAsync(IDownload download)
    {
        Directory.CreateDirectory(Folder);
        var name = Path.GetFileName(download.SuggestedFilename);
        if (string.IsNullOrWhiteSpace(name))
        {
            name = "download";
        }

        var path = UniquePath(Path.Combine(Folder, name));
        try
        {
            await download.SaveAsAsync(path);
            var bytes = new FileInfo(path).Length;
            // Against what is kept only: this download may still be counted as arriving until its last report.
            if (_meter.Kept + bytes > _maxBytes)
            {
                // It passed the limit between two progress reports: not kept all the same.
                File.Delete(path);
                Refuse(download, SizeReason());
                return;
            }

            _meter.Keep(bytes);
            _report(new SessionEvent("download", new Dictionary<string, string?>
            {
                ["file_name"] = Path.GetFileName(path),
                ["path"] = path,
                ["url"] = download.Url,
                ["bytes"] = bytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }));
        }
        catch (PlaywrightException) when (_cutOff.ContainsKey(download))
        {
            Refuse(download, SizeReason());
        }
        catch (PlaywrightException ex)
        {
            _report(new SessionEvent("download_failed", new Dictionary<string, string?>
            {
                ["url"] = download.Url,
                ["error"] = ex.Message,
            }));
        }
        finally
        {
            _writing.TryRemove(download, out _);
        }
    }

    /// <summary>Past the byte limit every download still being written is cancelled: an endless one stops there.</summary>
    private void CutOffIfOverSize()
    {
        if (_meter.Total <= _maxBytes)
        {
            return;
        }

        foreach (var download in _writing.Keys)
        {
            if (_cutOff.TryAdd(download, 0))
            {
                _ = download.CancelAsync();
            }
        }
    }

    private string RefusalReason() => _accepted > _maxDownloads
        ? $"the session has started {_maxDownloads} downloads, the most allowed (SessionMcp:MaxDownloadsPerSession)"
        : SizeReason();

    private string SizeReason() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"the session's downloads reached {_maxBytes:N0} bytes, the most allowed (SessionMcp:MaxDownloadBytesPerSession)");

    private void Refuse(IDownload download, string reason) =>
        _report(new SessionEvent("download_refused", new Dictionary<string, string?>
        {
            ["url"] = download.Url,
            ["reason"] = reason,
        }));

    private static string UniquePath(string path)
    {
        var candidate = path;
        for (var i = 1; File.Exists(candidate); i++)
        {
            candidate = Path.Combine(Path.GetDirectoryName(path)!, $"{Path.GetFileNameWithoutExtension(path)} ({i}){Path.GetExtension(path)}");
        }

        return candidate;
    }

    public void DeleteAll()
    {
        try
        {
            if (Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open by the closing browser; the temp folder is cleaned by the OS.
        }
    }
}
