namespace BmoLearning.Host.Auth;

public static class AuthSetup
{
    public const string IntegrationPolicy = "integration";
    public const string AdminPolicy = "admin";
    public const string AiServicePolicy = "ai-service";
    public const string AnalyticsPolicy = "analytics";

    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddSingleton<AdminKeyProvider>();
        services.AddSingleton<Lessons.AnswerVisibility>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireClaim(Scopes.ClaimType, Scopes.Admin))
            // The /api/v1 group's policy: an analytics key passes it only to read analytics; every other route is 403 for it.
            .AddPolicy(IntegrationPolicy, p => p.RequireAssertion(c =>
                c.User.HasClaim(Scopes.ClaimType, Scopes.Admin) || c.User.HasClaim(Scopes.ClaimType, Scopes.Integration)
                || (c.User.HasClaim(Scopes.ClaimType, Scopes.Analytics) && c.Resource is HttpContext http && IsAnalyticsRead(http.Request))))
            .AddPolicy(AnalyticsPolicy, p => p.RequireClaim(Scopes.ClaimType, Scopes.Admin, Scopes.Analytics))
            .AddPolicy(AiServicePolicy, p => p.RequireClaim(Scopes.ClaimType, Scopes.Admin, Scopes.AiService));
        return services;
    }

    private static bool IsAnalyticsRead(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Path.StartsWithSegments("/api/v1/analytics", StringComparison.OrdinalIgnoreCase);
}
