using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SessionMcp.Core.Errors;

namespace SessionMcp.Server.Filters;

/// <summary>
/// Turns failures of a tool call into MCP tool errors (<c>isError: true</c>): ours keep their message, which
/// names the argument and the fix; anything unexpected becomes a generic message, and its stack trace goes
/// to the log, never to the client.
/// </summary>
internal static partial class ToolErrorFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Wrap(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            try
            {
                return await next(context, cancellationToken);
            }
            catch (StoreUnavailableException ex)
            {
                return Error($"{context.Params?.Name}: {ex.Message}");
            }
            catch (SessionMcpException ex)
            {
                return Error(ex.Message);
            }
            catch (JsonException ex)
            {
                return Error(ArgumentShape(context, ex));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is not McpProtocolException)
            {
                var logger = context.Services?.GetService<ILoggerFactory>()?.CreateLogger(typeof(ToolErrorFilter));
                if (logger is not null)
                {
                    LogUnexpected(logger, context.Params?.Name, ex);
                }

                return Error($"{context.Params?.Name} failed because of an internal error; the server's log has the details. Try again, or create a new session if this one misbehaves.");
            }
        };

    public static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };

    private static string ArgumentShape(RequestContext<CallToolRequestParams> context, JsonException ex)
    {
        var tool = context.Params?.Name;
        var schema = (context.MatchedPrimitive as McpServerTool)?.ProtocolTool.InputSchema;
        var mismatch = schema is { } s ? ArgumentTypeCheck.Describe(s, context.Params?.Arguments) : null;
        if (mismatch is not null)
        {
            return $"{tool}: {mismatch}";
        }

        // A nested field of an object argument: the serializer's path names it.
        var path = ex.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : null;
        return path is null
            ? $"{tool}: an argument has the wrong type; check each against the tool's input schema."
            : $"{tool}: field '{path}' of an argument has the wrong type; check it against the tool's input schema.";
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Tool {Tool} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, string? tool, Exception exception);
}
