using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SessionMcp.Server.Http;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> or <c>x-api-key: &lt;key&gt;</c> against the configured keys,
/// comparing in constant time; the caller's identity is the key's name. Keys never reach a log.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<HttpOptions> http)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    public const string CookieName = "sessionmcp_key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey();
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presentedBytes = Encoding.UTF8.GetBytes(presented);
        foreach (var (name, key) in http.Value.ApiKeys)
        {
            if (CryptographicOperations.FixedTimeEquals(SHA256.HashData(presentedBytes), SHA256.HashData(Encoding.UTF8.GetBytes(key))))
            {
                // NameIdentifier too: the SDK binds stateful (legacy SSE) MCP sessions to it.
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.NameIdentifier, name)], SchemeName);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Response.WriteAsJsonAsync(new
        {
            error = PresentedKey() is null
                ? "an API key is required: send it as 'Authorization: Bearer <key>' or 'x-api-key: <key>'."
                : "the API key is not valid for this server.",
        });
    }

    private string? PresentedKey()
    {
        if (Request.Headers.TryGetValue("x-api-key", out var header) && !string.IsNullOrEmpty(header.ToString()))
        {
            return header.ToString();
        }

        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        // The dashboard, opened by a person in a browser, carries the key in a same-site cookie.
        return Request.Cookies.TryGetValue(CookieName, out var cookie) && !string.IsNullOrEmpty(cookie) ? cookie : null;
    }
}
