using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace SessionMcp.Core.Browser;

/// <summary>
/// Which network addresses sessions may reach: never link-local or cloud-metadata ones (unless allowed), and
/// private networks or this machine only where the configuration allows. Host names are resolved, with a short
/// cache, so a name pointing at a refused address is refused too.
/// </summary>
internal sealed class AddressGuard(NavigationOptions options, Func<string, Task<IPAddress[]>>? resolve = null)
{
    private readonly Func<string, Task<IPAddress[]>> _resolve = resolve ?? (host => Dns.GetHostAddressesAsync(host));

    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");
    private static readonly string[] MetadataNames = ["metadata.google.internal", "metadata", "instance-data"];
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (long At, IPAddress[] Addresses)> _resolved = new(StringComparer.OrdinalIgnoreCase);

    private bool AllowPrivate => options.AllowPrivateNetworks ?? true;

    private bool AllowLoopback => options.AllowLoopback ?? true;

    /// <summary>Why a host (a literal address or a well-known name) may not be reached without looking it up, or null.</summary>
    public string? RefusalOfLiteral(string host)
    {
        var bare = host.Trim('[', ']');
        if (IPAddress.TryParse(bare, out var address))
        {
            return Refusal(address);
        }

        if (!options.AllowLinkLocal && MetadataNames.Contains(bare, StringComparer.OrdinalIgnoreCase))
        {
            return $"{host} is a cloud-metadata address, which sessions may not reach (SessionMcp:Navigation:AllowLinkLocal).";
        }

        return !AllowLoopback && IsThisMachine(bare)
            ? $"{host} is this machine, which sessions may not reach here (SessionMcp:Navigation:AllowLoopback)."
            : null;
    }

    /// <summary>Whether a host names this machine: localhost, a *.localhost name, a loopback or unspecified address.</summary>
    public static bool IsThisMachine(string host)
    {
        var bare = host.Trim('[', ']');
        return IPAddress.TryParse(bare, out var address)
            ? IsThisMachine(address)
            : bare.Equals("localhost", StringComparison.OrdinalIgnoreCase) || bare.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The first address of <paramref name="host"/> the rules allow, to connect to that very address, or why there is
    /// none: the literal rules, then every address the name resolves to (with the same short cache).
    /// </summary>
    public async Task<(IPAddress? Address, string? Refusal)> AllowedAddressAsync(string host)
    {
        var bare = host.Trim('[', ']');
        if (RefusalOfLiteral(bare) is { } literal)
        {
            return (null, literal);
        }

        var addresses = IPAddress.TryParse(bare, out var address) ? [address] : await ResolveAsync(bare);
        if (addresses.Length == 0)
        {
            return (null, $"{host} could not be resolved.");
        }

        foreach (var candidate in addresses)
        {
            if (Refusal(candidate) is null)
            {
                return (candidate, null);
            }
        }

        return (null, $"{host} resolves to {addresses[0]}: {Refusal(addresses[0])}");
    }

    /// <summary>Like <see cref="RefusalOfLiteral"/>, then resolves a host name and checks every address it has.</summary>
    public async Task<string?> RefusalAsync(string host)
    {
        var literal = RefusalOfLiteral(host);
        if (literal is not null || IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            return literal;
        }

        foreach (var address in await ResolveAsync(host))
        {
            if (Refusal(address) is { } refusal)
            {
                return $"{host} resolves to {address}: {refusal}";
            }
        }

        return null;
    }

    public string? Refusal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (!options.AllowLinkLocal && (IsLinkLocal(address) || address.Equals(AwsMetadataV6)))
        {
            return $"{address} is a link-local or cloud-metadata address, which sessions may not reach (SessionMcp:Navigation:AllowLinkLocal).";
        }

        if (!AllowLoopback && IsThisMachine(address))
        {
            return $"{address} is this machine, which sessions may not reach here (SessionMcp:Navigation:AllowLoopback).";
        }

        return !AllowPrivate && IsPrivate(address)
            ? $"{address} is on a private network, which sessions may not reach here (SessionMcp:Navigation:AllowPrivateNetworks)."
            : null;
    }

    private async Task<IPAddress[]> ResolveAsync(string host)
    {
        var now = Environment.TickCount64;
        if (_resolved.TryGetValue(host, out var cached) && now - cached.At < CacheFor.TotalMilliseconds)
        {
            return cached.Addresses;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await _resolve(host);
        }
        catch (SocketException)
        {
            // A name that does not resolve reaches nothing; Chromium will say so itself.
            addresses = [];
        }

        _resolved[host] = (now, addresses);
        return addresses;
    }

    private static bool IsThisMachine(IPAddress address) =>
        IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    private static bool IsLinkLocal(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork
        ? address.GetAddressBytes() is [169, 254, ..]
        : address.IsIPv6LinkLocal;

    private static bool IsPrivate(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return (address.GetAddressBytes()[0] & 0xFE) == 0xFC || address.IsIPv6SiteLocal;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }
}
