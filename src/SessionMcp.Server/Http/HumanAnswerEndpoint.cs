using SessionMcp.Core.Sessions;

namespace SessionMcp.Server.Http;

/// <summary>
/// <c>/live/{id}/human?token=…</c>, for the live view: GET says what a run on the session asks a person
/// (<c>wait_for_human</c>), POST <c>{answer: "done"|"reject", note?}</c> answers it. The session's frame token is
/// the key, as for the live view itself.
/// </summary>
internal static class HumanAnswerEndpoint
{
    /// <summary>Longest note a person may send back.</summary>
    public const int MaxNoteChars = 2_000;

    public static IEndpointRouteBuilder MapHumanAnswers(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/live/{browserSessionId}/human", (string browserSessionId, string? token, BrowserSessionPool pool) =>
            pool.FindForViewer(browserSessionId, token ?? "") is not { } session
                ? LiveViewPage.UnknownSession()
                : Results.Json(session.WaitingForHuman is { } wait
                    ? new { waiting = true, message = (string?)wait.Message, since = (DateTimeOffset?)wait.Since }
                    : new { waiting = false, message = (string?)null, since = (DateTimeOffset?)null }));

        endpoints.MapPost("/live/{browserSessionId}/human", (string browserSessionId, string? token, HumanAnswerRequest? body, BrowserSessionPool pool) =>
        {
            if (pool.FindForViewer(browserSessionId, token ?? "") is not { } session)
            {
                return LiveViewPage.UnknownSession();
            }

            if (body?.Answer is not ("done" or "reject"))
            {
                return Results.BadRequest(new { error = "answer must be \"done\" or \"reject\"; note (optional) says why." });
            }

            if (body.Note is { Length: > MaxNoteChars })
            {
                return Results.BadRequest(new { error = $"note is {body.Note.Length:N0} characters; at most {MaxNoteChars:N0}." });
            }

            return session.AnswerHuman(new HumanAnswer(body.Answer == "done", body.Note))
                ? Results.Json(new { answered = true })
                : Results.Conflict(new { error = "no run on this session is waiting for a person now (it was answered, timed out or ended)." });
        });
        return endpoints;
    }

    internal sealed record HumanAnswerRequest(string? Answer, string? Note);
}
