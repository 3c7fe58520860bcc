using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;
using System.Text.Json.Serialization;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Server.Http;

/// <summary>
/// <c>POST /live/{id}/control?token=…</c>, for the live view's "Take control": <c>{action: "take"}</c>,
/// <c>"release"</c>, <c>"keepalive"</c>, and, while held, input: <c>click {x, y, button?}</c>, <c>move {x, y}</c>,
/// <c>wheel {x, y, delta_x?, delta_y?}</c>, <c>key {key}</c>, <c>type {text}</c> (x and y from 0 to 1 across the
/// viewport). The frame token is the key, as for the live view; input is limited per session.
/// </summary>
internal static class LiveControlEndpoint
{
    /// <summary>Inputs a second per session, with a burst of as many: a person clicks and types far slower.</summary>
    public const int InputsPerSecond = 40;

    private static readonly ConditionalWeakTable<BrowserSession, RateLimiter> Limiters = [];

    public static IEndpointRouteBuilder MapLiveControl(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/live/{browserSessionId}/control", async (string browserSessionId, string? token, LiveControlRequest? body, BrowserSessionPool pool, TimeProvider time) =>
        {
            if (pool.FindForViewer(browserSessionId, token ?? "") is not { } session)
            {
                return LiveViewPage.UnknownSession();
            }

            var now = time.GetUtcNow();
            switch (body?.Action)
            {
                case "take":
                    return session.TryTakeControl(now)
                        ? Results.Json(new { held = true })
                        : Results.Conflict(new { error = "a run is using the page right now; take control when it ends, or while it waits for a person (wait_for_human)." });
                case "release":
                    session.Control.Release();
                    return Results.Json(new { held = false });
                case "keepalive":
                    return session.Control.Touch(now) ? Results.Json(new { held = true }) : NotHeld();
            }

            var input = new LiveInput(body?.Action ?? "", body?.X, body?.Y, body?.DeltaX, body?.DeltaY, body?.Button, body?.Key, body?.Text);
            if (input.Problem() is { } problem)
            {
                return Results.BadRequest(new { error = problem });
            }

            if (!session.Control.Touch(now))
            {
                return NotHeld();
            }

            using var lease = Limiters.GetValue(session, _ => NewLimiter()).AttemptAcquire();
            if (!lease.IsAcquired)
            {
                return Results.Json(new { error = $"more than {InputsPerSecond} inputs a second on this session; slow down." }, statusCode: StatusCodes.Status429TooManyRequests);
            }

            try
            {
                await input.ApplyAsync(session);
                return Results.Json(new { applied = true });
            }
            catch (InvalidArgumentException ex)
            {
                return Results.BadRequest(new { error = ex.Message });
            }
            catch (Exception ex) when (ex is Microsoft.Playwright.PlaywrightException or TimeoutException)
            {
                return Results.Json(new { error = $"the page did not take the input: {ex.Message.Split('\n')[0]}" }, statusCode: StatusCodes.Status502BadGateway);
            }
        });
        return endpoints;
    }

    private static IResult NotHeld() =>
        Results.Conflict(new { error = "nobody holds control of this session now; press Take control (it lapses after 30 s without input)." });

    private static TokenBucketRateLimiter NewLimiter() => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = InputsPerSecond,
        TokensPerPeriod = InputsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    internal sealed record LiveControlRequest(
        string? Action,
        double? X,
        double? Y,
        [property: JsonPropertyName("delta_x")] double? DeltaX,
        [property: JsonPropertyName("delta_y")] double? DeltaY,
        string? Button,
        string? Key,
        string? Text);
}
