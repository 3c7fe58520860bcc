using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace SessionMcp.Server.Http;

/// <summary>
/// Legacy SSE has no backpressure: every <c>POST /message</c> is accepted (202) and queued for the connection. Each
/// connection gets a token bucket of <see cref="HttpOptions.LegacySseMessagesPerSecond"/>; past it, 429.
/// </summary>
internal static class LegacySseRateLimit
{
    public static IServiceCollection AddLegacySseRateLimit(this IServiceCollection services, HttpOptions http) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsMessagePost(context) && context.Request.Query["sessionId"].ToString() is { Length: > 0 } connection
                    ? RateLimitPartition.GetTokenBucketLimiter(connection, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = 2 * http.LegacySseMessagesPerSecond,
                        TokensPerPeriod = http.LegacySseMessagesPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = (context, cancellationToken) =>
            {
                Core.Telemetry.SessionMcpTelemetry.RefusedAdmission("legacy_sse_rate");
                return new ValueTask(context.HttpContext.Response.WriteAsync(
                    $"Too many messages on this SSE connection: at most {http.LegacySseMessagesPerSecond} a second (SessionMcp:Http:LegacySseMessagesPerSecond). Wait for answers before sending more, or use Streamable HTTP at /mcp.",
                    cancellationToken));
            };
        });

    // The rewriter has already mapped the contract's /message to the SDK's /mcp/message.
    private static bool IsMessagePost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/mcp/message", StringComparison.OrdinalIgnoreCase);
}
