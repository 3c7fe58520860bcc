using System.Diagnostics;

namespace SessionMcp.Tests.Common;

/// <summary>
/// nginx from the machine's packages, round-robin in front of the given hosts on a free loopback port, with no
/// stickiness and no buffering (MCP answers stream); started in a temporary folder and removed with it.
/// </summary>
public sealed class NginxFront : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private NginxFront(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseUrl { get; }

    /// <summary>Whether the machine has nginx (Debian's nginx package).</summary>
    public static bool IsInstalled => File.Exists(Binary);

    private static string Binary => "/usr/sbin/nginx";

    public static async Task<NginxFront> StartAsync(IEnumerable<Uri> hosts)
    {
        var folder = Directory.CreateTempSubdirectory("sessionmcp-nginx-").FullName;
        var port = LoopbackPort.Free();
        var upstream = string.Concat(hosts.Select(h => $"    server {h.Authority} max_fails=1 fail_timeout=2s;\n"));
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            worker_processes 1;
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
              access_log off;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              upstream sessionmcp {
            {{upstream}}  }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://sessionmcp;
                  proxy_http_version 1.1;
                  proxy_set_header Host $http_host;
                  proxy_set_header Connection "";
                  proxy_buffering off;
                  proxy_request_buffering off;
                  proxy_read_timeout 600s;
                  proxy_next_upstream error timeout;
                }
              }
            }
            """);
        var start = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-c", Path.Combine(folder, "nginx.conf"), "-p", folder })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var front = new NginxFront(process, folder, port);
        using var tcp = new System.Net.Sockets.TcpClient();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return front;
            }
            catch (System.Net.Sockets.SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(10) && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
