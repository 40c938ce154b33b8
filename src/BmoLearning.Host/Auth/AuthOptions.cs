namespace BmoLearning.Host.Auth;

/// <summary>API keys (section "Auth"). BMO_ADMIN_KEY sets the admin key.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string? AdminKey { get; set; }

    /// <summary>Keys for integrations (HR systems, bots): learner and lesson routes, no administration.</summary>
    public List<string> IntegrationKeys { get; set; } = [];

    /// <summary>
    /// Whether integration keys see a lesson's correct_answer and explanation before its learner has answered.
    /// Off by default: a client that shows lessons to learners should not hold the answer before it is given.
    /// </summary>
    public bool RevealAnswersToIntegrations { get; set; }
}

public static class Scopes
{
    public const string Admin = "admin";
    public const string Integration = "integration";
    /// <summary>Managed keys that read /api/v1/analytics and nothing else (issue 14).</summary>
    public const string Analytics = "analytics";
    /// <summary>The API and worker roles calling the AI role (AI_SERVICE_API_KEY).</summary>
    public const string AiService = "ai-service";
    public const string ClaimType = "scope";
    /// <summary>A digest naming the presented key, never the key itself.</summary>
    public const string KeyIdClaimType = "key_id";
}
