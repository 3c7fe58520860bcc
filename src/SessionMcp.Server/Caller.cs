using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SessionMcp.Server;

/// <summary>
/// Who is calling: sessions and runs belong to this identity. Over stdio there is one client, the process
/// that started the server; an authenticated HTTP caller is known by its principal's name.
/// </summary>
internal static class Caller
{
    public const string Local = "local";

    public static string Of(RequestContext<CallToolRequestParams> context) =>
        context.User?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? "user:" + name : Local;
}
