using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace BmoLearning.Web;

/// <summary>
/// The console's OpenID Connect sign-in (issue 13): authorization code with PKCE, the answer returned by a redirect
/// (response_mode=query) so every cookie of the flow can stay SameSite=Lax, the provider's groups mapped to a console
/// role when the ticket arrives, and the session kept by the console's own cookie scheme and server-side store.
/// </summary>
public static class ConsoleOidc
{
    public const string Scheme = "BmoConsoleOidc";
    public const string CallbackPath = "/admin/signin-oidc";
    public const string SignedOutCallbackPath = "/admin/signout-callback-oidc";
    /// <summary>GET starts the provider's sign-in (the sign-in page's button links here).</summary>
    public const string ChallengePath = "/admin/sign-in/sso";
    public const string Method = "oidc";

    /// <summary>Registers the scheme when Console:Oidc:Authority is set; invalid settings stop the start with their reasons.</summary>
    public static bool AddConsoleOidc(this IServiceCollection services, ConsoleOidcOptions settings)
    {
        if (!settings.IsConfigured)
        {
            return false;
        }

        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), problems, validateAllProperties: true))
        {
            throw new OptionsValidationException("Console:Oidc", typeof(ConsoleOidcOptions), problems.Select(p => p.ErrorMessage ?? "invalid"));
        }

        services.AddAuthentication().AddOpenIdConnect(Scheme, o =>
        {
            o.Authority = settings.Authority;
            o.ClientId = settings.ClientId;
            o.ClientSecret = settings.ClientSecret;
            o.RequireHttpsMetadata = !ConsoleOidcOptions.IsLoopback(new Uri(settings.Authority!));
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.SignInScheme = ConsoleAuth.Scheme;
            o.CallbackPath = CallbackPath;
            o.SignedOutCallbackPath = SignedOutCallbackPath;
            o.SignedOutRedirectUri = ConsoleAuth.SignInPath;
            // Kept in the server-side session (never in the cookie) for the id_token_hint of the provider's sign-out.
            o.SaveTokens = true;
            o.GetClaimsFromUserInfoEndpoint = true;
            o.MapInboundClaims = false;
            o.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile" }.Concat(settings.Scopes).Distinct(StringComparer.Ordinal))
            {
                o.Scope.Add(scope);
            }

            o.ClaimActions.MapJsonKey(settings.GroupClaim, settings.GroupClaim);
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Events.OnTicketReceived = context => MapToConsoleUserAsync(context, settings);
            o.Events.OnRemoteFailure = async context =>
            {
                context.HandleResponse();
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(ConsoleSetup.MessagePage("Sign-in failed",
                    "The identity provider's answer could not be used (it may have expired). <a href=\"/admin/sign-in\">Try again</a>."));
            };
        });
        return true;
    }

    /// <summary>The provider's user becomes a console user of the role their groups map to, or is refused with 403.</summary>
    private static async Task MapToConsoleUserAsync(TicketReceivedContext context, ConsoleOidcOptions settings)
    {
        var identity = context.Principal!;
        var groups = identity.FindAll(settings.GroupClaim).Select(c => c.Value).ToList();
        if (settings.RoleFor(groups) is not { } mapped)
        {
            context.HandleResponse();
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(ConsoleSetup.MessagePage("No console access",
                "You signed in, but your account is in no group that has a role in the BMO Learning console. Ask an administrator to add you to one, "
                + "or <a href=\"/admin/sign-in\">sign in with another account</a>."));
            return;
        }

        var name = identity.FindFirst("name")?.Value ?? identity.FindFirst("preferred_username")?.Value ?? identity.FindFirst("sub")?.Value ?? "single sign-on user";
        context.Principal = ConsoleAuth.Principal(name, mapped.Role, Method, mapped.Teams);
        context.ReturnUri = ConsoleAuth.SafeReturnUrl(context.ReturnUri);
    }

    public static IEndpointRouteBuilder MapConsoleOidc(this IEndpointRouteBuilder app)
    {
        app.MapGet(ChallengePath, (string? returnUrl) =>
                Results.Challenge(new AuthenticationProperties { RedirectUri = ConsoleAuth.SafeReturnUrl(returnUrl) }, [Scheme]))
            .AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Whether signing out should also end the provider's session: the user signed in through it and the provider
    /// has an end-session endpoint (RP-initiated logout). An unreachable provider still lets the local session end.
    /// </summary>
    public static async Task<bool> EndsAtProviderAsync(HttpContext context) =>
        context.User.HasClaim("amr", Method)
        && context.RequestServices.GetService<IOptionsMonitor<OpenIdConnectOptions>>()?.Get(Scheme) is { ConfigurationManager: { } manager }
        && await HasEndSessionAsync(manager, context.RequestAborted);

    private static async Task<bool> HasEndSessionAsync(Microsoft.IdentityModel.Protocols.IConfigurationManager<OpenIdConnectConfiguration> manager, CancellationToken ct)
    {
        try
        {
            return !string.IsNullOrEmpty((await manager.GetConfigurationAsync(ct)).EndSessionEndpoint);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or IOException or TaskCanceledException)
        {
            return false;
        }
    }
}
