using System.Net;
using System.Net.Sockets;

namespace SessionMcp.Tests.Common;

public static class LoopbackPort
{
    /// <summary>A port free on 127.0.0.1 now, for a server the tests start as a separate process.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
