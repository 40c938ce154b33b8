using Microsoft.Extensions.Configuration;

namespace BmoLearning.Host.Hosting;

/// <summary>
/// The environment variable names of the reference system's secrets (BMO_ADMIN_KEY, DATABASE_URL, ...) mapped to
/// configuration keys. Added with the lowest precedence, so an explicit configuration key wins.
/// </summary>
public static class SeedEnvironment
{
    private static readonly Dictionary<string, string> Map = new()
    {
        ["BMO_ADMIN_KEY"] = "Auth:AdminKey",
        ["BMO_LINK_SIGNING_KEY"] = "Delivery:LinkSigningKey",
        ["DATABASE_URL"] = "Database:Url",
        ["REDIS_URL"] = "Redis:Url",
        ["OPENAI_API_KEY"] = "Ai:OpenAI:ApiKey",
        ["ANTHROPIC_API_KEY"] = "Ai:Anthropic:ApiKey",
        ["AI_SERVICE_URL"] = "AiService:Url",
        ["AI_SERVICE_API_KEY"] = "AiService:ApiKey",
        ["TWILIO_ACCOUNT_SID"] = "Twilio:AccountSid",
        ["TWILIO_AUTH_TOKEN"] = "Twilio:AuthToken",
        ["TWILIO_PHONE_NUMBER"] = "Twilio:PhoneNumber",
        ["SLACK_BOT_TOKEN"] = "Slack:BotToken",
        ["SLACK_SIGNING_SECRET"] = "Slack:SigningSecret",
    };

    /// <summary>The reference system's environment variable for a configuration key (BMO_LINK_SIGNING_KEY for Delivery:LinkSigningKey), if it has one.</summary>
    public static string? VariableFor(string key) =>
        Map.FirstOrDefault(pair => string.Equals(pair.Value, key, StringComparison.OrdinalIgnoreCase)).Key;

    public static void AddSeedEnvironmentVariables(this IConfigurationManager configuration)
    {
        var values = Map
            .Select(pair => (Key: pair.Value, Value: Environment.GetEnvironmentVariable(pair.Key)))
            .Where(pair => !string.IsNullOrEmpty(pair.Value))
            .ToDictionary(pair => pair.Key, pair => pair.Value);
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = values });
    }
}
