namespace BmoLearning.Host.Auth;

/// <summary>API keys (section "Auth"). BMO_ADMIN_KEY sets the admin key.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string? AdminKey { get; set; }

    /// <summary>Keys for integrations (HR systems, bots): learner and lesson routes, no administration.</summary>
    public List<string> IntegrationKeys { get; set; } = [];
}

public static class Scopes
{
    public const string Admin = "admin";
    public const string Integration = "integration";
    /// <summary>The API and worker roles calling the AI role (AI_SERVICE_API_KEY).</summary>
    public const string AiService = "ai-service";
    public const string ClaimType = "scope";
    /// <summary>A digest naming the presented key, never the key itself.</summary>
    public const string KeyIdClaimType = "key_id";
}
