using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace SessionMcp.Core.Sessions;

/// <summary>Keeps the files a session's pages download in the session's own folder, deleted when it closes.</summary>
internal sealed class DownloadKeeper(string folder, Action<SessionEvent> report, int maxDownloads)
{
    private readonly ConcurrentDictionary<Task, byte> _pending = new();
    private readonly CountSignal _started = new();
    private int _accepted;

    public string Folder { get; } = folder;

    /// <summary>Downloads the pages started so far, refused ones included.</summary>
    public long Started => _started.Count;

    public void Accept(IDownload download)
    {
        if (Interlocked.Increment(ref _accepted) > maxDownloads)
        {
            // A page that starts download after download must not fill the disk: past the limit they are cancelled.
            _ = download.CancelAsync();
            report(new SessionEvent("download_refused", new Dictionary<string, string?>
            {
                ["url"] = download.Url,
                ["reason"] = $"the session has started {maxDownloads} downloads, the most allowed (SessionMcp:MaxDownloadsPerSession)",
            }));

            // Counted as started all the same: a step waiting for the download it caused learns of it at once.
            _started.Increment();
            return;
        }

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
            report(new SessionEvent("download", new Dictionary<string, string?>
            {
                ["file_name"] = Path.GetFileName(path),
                ["path"] = path,
                ["url"] = download.Url,
                ["bytes"] = new FileInfo(path).Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
            }));
        }
        catch (PlaywrightException ex)
        {
            report(new SessionEvent("download_failed", new Dictionary<string, string?>
            {
                ["url"] = download.Url,
                ["error"] = ex.Message,
            }));
        }
    }

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
