using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace SessionMcp.Core.Browser;

/// <summary>
/// The network guard at the network layer: an HTTP proxy on 127.0.0.1 that the server's browsers send every
/// connection through (loopback included). Each connection is checked against the navigation policy, its host
/// resolved here, before a single byte reaches the target; the browser's own resolver is never used. So a redirect
/// hop, a WebSocket, a preconnect, an iframe or a form post to a refused host is refused before it connects, and a
/// name that the browser would resolve to a private address reaches only what this server resolved and checked.
/// </summary>
/// <remarks>
/// Plain HTTP is forwarded one request per connection (<c>Connection: close</c> to the target), so a kept-alive
/// connection can never carry a later request to another host; HTTPS and WebSockets are tunnelled with CONNECT.
/// </remarks>
internal sealed partial class EgressProxy : IAsyncDisposable
{
    /// <summary>The response header that says why a plain request was refused, for the session to report.</summary>
    public const string RefusedHeader = "x-sessionmcp-refused";

    private const int MaxHeadBytes = 64 * 1024;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);
    private static readonly string[] TunnelSchemes = ["https", "http"];
    private static readonly string[] PlainSchemes = ["http"];
    private static readonly string[] HopByHopHeaders = ["proxy-connection", "proxy-authorization", "connection", "keep-alive"];

    private readonly NavigationPolicy _policy;
    private readonly ILogger _logger;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;

    public EgressProxy(NavigationPolicy policy, ILogger logger)
    {
        _policy = policy;
        _logger = logger;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy's address, for Chromium's <c>--proxy-server</c>.</summary>
    public string Address => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>Chromium switches that send all of a browser's traffic through this proxy.</summary>
    public IReadOnlyList<string> LaunchArgs => [$"--proxy-server={Address}", "--proxy-bypass-list=<-loopback>"];

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = HandleAsync(client);
        }
    }

    private async Task HandleAsync(Socket client)
    {
        await using var browser = new NetworkStream(client, ownsSocket: true);
        try
        {
            var (head, early) = await ReadHeadAsync(browser, _stopping.Token);
            if (head is null || ProxyRequest.Parse(head) is not { } request)
            {
                await RespondAsync(browser, "400 Bad Request", "SessionMcp's egress proxy could not read the request.");
                return;
            }

            var (address, refusal) = await _policy.ConnectionTargetAsync(request.Host, request.Port, request.IsTunnel ? TunnelSchemes : PlainSchemes);
            if (address is null)
            {
                LogRefused(_logger, request.Host, request.Port, refusal);
                await RespondAsync(browser, "403 Forbidden", $"SessionMcp refused {request.Host}:{request.Port}: {refusal}", refusal);
                return;
            }

            var upstream = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                using var connecting = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                connecting.CancelAfter(ConnectTimeout);
                await upstream.ConnectAsync(new IPEndPoint(address, request.Port), connecting.Token);
            }
            catch
            {
                upstream.Dispose();
                throw;
            }

            await using var target = new NetworkStream(upstream, ownsSocket: true);

            if (request.IsTunnel)
            {
                await browser.WriteAsync("HTTP/1.1 200 Connection Established\r\n\r\n"u8.ToArray(), _stopping.Token);
            }
            else
            {
                await target.WriteAsync(Encoding.Latin1.GetBytes(request.OriginFormHead(HopByHopHeaders)), _stopping.Token);
            }

            await target.WriteAsync(early, _stopping.Token);
            await PipeAsync(browser, target, _stopping.Token);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The browser or the target went away, the connection failed, or the server is stopping.
            await TryRespondAsync(browser, ex);
        }
    }

    private static async Task TryRespondAsync(NetworkStream browser, Exception ex)
    {
        if (ex is SocketException or OperationCanceledException)
        {
            try
            {
                await RespondAsync(browser, "502 Bad Gateway", "SessionMcp's egress proxy could not connect: " + ex.Message);
            }
            catch (Exception again) when (again is IOException or SocketException or ObjectDisposedException)
            {
                // Nobody is listening any more.
            }
        }
    }

    private static async Task PipeAsync(Stream browser, Stream target, CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var up = browser.CopyToAsync(target, done.Token);
        var down = target.CopyToAsync(browser, done.Token);
        await Task.WhenAny(up, down);

        // Whichever side finished, the exchange is over: stop the other direction too.
        await done.CancelAsync();
        await Task.WhenAll(up, down).ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    private static async Task<(string? Head, byte[] Early)> ReadHeadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxHeadBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return (null, []);
            }

            length += read;
            var end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return (Encoding.Latin1.GetString(buffer, 0, end + 4), buffer[(end + 4)..length]);
            }
        }

        return (null, []);
    }

    private static async Task RespondAsync(Stream browser, string status, string body, string? refusal = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var reason = refusal is null ? "" : $"{RefusedHeader}: {new string([.. refusal.Select(c => c is >= ' ' and <= '~' ? c : '?')])}\r\n";
        var head = $"HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {bytes.Length}\r\n{reason}Connection: close\r\n\r\n";
        await browser.WriteAsync(Encoding.Latin1.GetBytes(head));
        await browser.WriteAsync(bytes);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Egress proxy refused a connection to {Host}:{Port}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string host, int port, string? reason);
}
