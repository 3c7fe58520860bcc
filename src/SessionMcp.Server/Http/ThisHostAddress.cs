using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Server.Http;

/// <summary>Where this host serves HTTP for the other hosts: its listening address, with the cluster's advertised address for a wildcard.</summary>
internal sealed class ThisHostAddress(IServer server, string advertisedAddress) : IThisHostAddress
{
    public string HttpBaseUrl
    {
        get
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? throw new InvalidOperationException("the server is not listening yet");
            return address.Replace("://0.0.0.0", "://" + advertisedAddress, StringComparison.Ordinal).Replace("://[::]", "://" + advertisedAddress, StringComparison.Ordinal).TrimEnd('/') + "/";
        }
    }
}
