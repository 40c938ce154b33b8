namespace BmoLearning.Host.Auth;

public static class AuthSetup
{
    public const string IntegrationPolicy = "integration";
    public const string AdminPolicy = "admin";
    public const string AiServicePolicy = "ai-service";

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
            .AddPolicy(IntegrationPolicy, p => p.RequireClaim(Scopes.ClaimType, Scopes.Admin, Scopes.Integration))
            .AddPolicy(AiServicePolicy, p => p.RequireClaim(Scopes.ClaimType, Scopes.Admin, Scopes.AiService));
        return services;
    }
}
