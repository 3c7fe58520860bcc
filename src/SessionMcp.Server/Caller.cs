using System.Security.Claims;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SessionMcp.Server;

/// <summary>
/// Who is calling: sessions and runs belong to this identity. Over stdio there is one client, the process
/// that started the server; an HTTP caller with an API key is known by the key's name; without keys, loopback
/// HTTP callers share the local identity.
/// </summary>
internal static class Caller
{
    public const string Local = "local";

    public static string Of(RequestContext<CallToolRequestParams> context) => Of(context.User);

    public static string Of(ClaimsPrincipal? user) =>
        user?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? "user:" + name : Local;
}
