using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SessionMcp.Core;

namespace SessionMcp.Server.Filters;

/// <summary>Refuses a tool call whose arguments are larger than <see cref="SessionMcpOptions.MaxArgumentChars"/>, before anything runs.</summary>
internal static class ArgumentSizeFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Wrap(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        (context, cancellationToken) =>
        {
            var limit = context.Services?.GetService<IOptions<SessionMcpOptions>>()?.Value.MaxArgumentChars ?? int.MaxValue;
            var size = context.Params?.Arguments?.Values.Sum(v => (long)JsonMarshal.GetRawUtf8Value(v).Length) ?? 0;
            if (size > limit)
            {
                return ValueTask.FromResult(ToolErrorFilter.Error(
                    $"{context.Params!.Name}: the arguments are {size:N0} characters of JSON; a call takes at most {limit:N0} (SessionMcp:MaxArgumentChars). Send less text, or split the work into several calls."));
            }

            return next(context, cancellationToken);
        };
}
