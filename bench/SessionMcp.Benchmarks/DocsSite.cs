using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.FileProviders;
using SessionMcp.Tests.Common;

namespace SessionMcp.Benchmarks;

/// <summary>
/// Real pages nobody here wrote: Python's HTML documentation from Debian's <c>python3-doc</c> (installed by
/// scripts/bench.sh), served as files on 127.0.0.1.
/// </summary>
internal sealed class DocsSite : IAsyncDisposable
{
    public const string Folder = "/usr/share/doc/python3/html";

    /// <summary>Pages of different kinds: a tutorial chapter, a how-to, reference pages with long tables and code.</summary>
    public static readonly IReadOnlyList<string> Pages =
    [
        "tutorial/floatingpoint.html",
        "tutorial/controlflow.html",
        "library/os.path.html",
        "howto/sorting.html",
        "library/json.html",
    ];

    private readonly WebApplication _app;

    private DocsSite(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public string Url(string page) => new Uri(BaseUrl, page).AbsoluteUri;

    public static async Task<DocsSite?> StartAsync()
    {
        if (!Directory.Exists(Folder))
        {
            return null;
        }

        var app = LoopbackWebApp.Create();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(Folder), ServeUnknownFileTypes = true });
        var address = await LoopbackWebApp.StartAsync(app);
        return new DocsSite(app, new Uri(address, "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
