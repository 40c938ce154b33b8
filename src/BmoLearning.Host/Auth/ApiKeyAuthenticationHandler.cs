using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using BmoLearning.Ai.Generation.Remote;
using BmoLearning.Core.Governance.Keys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Auth;

/// <summary>
/// Authenticates the X-API-Key header (or, for browsers on the jobs dashboard only, HTTP Basic with the key
/// as password). Keys are compared as SHA-256 digests in constant time, and every configured key is
/// checked so the time taken does not reveal which one nearly matched. Basic is refused everywhere else:
/// a browser replays it on cross-site requests, which would let another site call the API as the admin.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<AuthOptions> auth,
    IOptionsMonitor<AiServiceOptions> aiService,
    AdminKeyProvider adminKey)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-API-Key";
    public const string DashboardPath = "/hangfire";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey();
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        // Managed keys (issue 14) carry their public id; configured keys (the bootstrap admin key among them) keep working.
        if (ApiKeyService.LooksManaged(presented))
        {
            var managed = await Context.RequestServices.GetRequiredService<ApiKeyService>().AuthenticateAsync(presented, Context.RequestAborted);
            return managed is null
                ? AuthenticateResult.Fail("The API key is not valid.")
                : Success(managed.Scope, $"{ApiKeyService.Prefix}{managed.KeyId}");
        }

        var scope = ScopeOf(presented);
        if (scope is null)
        {
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        // The key itself never leaves this handler: later stages (the rate limit) tell keys apart by a digest.
        return Success(scope, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(presented)))[..16]);
    }

    private static AuthenticateResult Success(string scope, string keyId)
    {
        var identity = new ClaimsIdentity([new Claim(Scopes.ClaimType, scope), new Claim(ClaimTypes.Name, scope), new Claim(Scopes.KeyIdClaimType, keyId)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = IsDashboard(Request)
            ? "Basic realm=\"bmo\", charset=\"UTF-8\""
            : SchemeName;
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized",
            $"Send a valid API key in the {HeaderName} header.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "This API key does not have the scope this route needs.");

    private string? PresentedKey()
    {
        if (Request.Headers.TryGetValue(HeaderName, out var header) && !string.IsNullOrEmpty(header))
        {
            return header.ToString();
        }

        var authorization = Request.Headers.Authorization.ToString();
        if (IsDashboard(Request) && authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon >= 0 ? decoded[(colon + 1)..] : decoded;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    public static bool IsDashboard(HttpRequest request) => request.Path.StartsWithSegments(DashboardPath, StringComparison.OrdinalIgnoreCase);

    private string? ScopeOf(string presented)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? scope = null;
        if (Matches(digest, adminKey.Current))
        {
            scope = Scopes.Admin;
        }

        foreach (var key in auth.CurrentValue.IntegrationKeys)
        {
            if (Matches(digest, key) && scope is null)
            {
                scope = Scopes.Integration;
            }
        }

        if (Matches(digest, aiService.CurrentValue.ApiKey) && scope is null)
        {
            scope = Scopes.AiService;
        }

        return scope;
    }

    private static bool Matches(byte[] presentedDigest, string? configured) =>
        !string.IsNullOrEmpty(configured)
        && CryptographicOperations.FixedTimeEquals(presentedDigest, SHA256.HashData(Encoding.UTF8.GetBytes(configured)));

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail, Type = $"https://httpstatuses.io/{status}" },
        }).AsTask();
    }
}
