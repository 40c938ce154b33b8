using BmoLearning.Host.Cli;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Cli;

/// <summary>`bmo config check`: validates a role's effective configuration without starting it and never prints a secret.</summary>
public sealed class ConfigCheckTests
{
    // Every secret the platform reads, each with a value that must never appear in the output.
    private static readonly Dictionary<string, (string Key, string Value)> Secrets = new()
    {
        ["BMO_ADMIN_KEY"] = ("Auth:AdminKey", "adm1n-key-value-9f8e7d"),
        ["AI_SERVICE_API_KEY"] = ("AiService:ApiKey", "a1-service-key-value-6c5b"),
        ["OPENAI_API_KEY"] = ("Ai:OpenAI:ApiKey", "sk-0pena1-key-value-4a3b"),
        ["ANTHROPIC_API_KEY"] = ("Ai:Anthropic:ApiKey", "sk-ant-key-value-2c1d0e"),
        ["TWILIO_AUTH_TOKEN"] = ("Twilio:AuthToken", "tw1l1o-token-value-8f7e"),
        ["SLACK_BOT_TOKEN"] = ("Slack:BotToken", "xoxb-slack-bot-value-6d5c"),
        ["SLACK_SIGNING_SECRET"] = ("Slack:SigningSecret", "slack-s1gn1ng-value-4b3a"),
        ["Smtp__Password"] = ("Smtp:Password", "smtp-passw0rd-value-2a1f"),
        ["BMO_LINK_SIGNING_KEY"] = ("Delivery:LinkSigningKey", "l1nk-signing-key-value-0123456789abcdef"),
        ["Storage__S3__SecretAccessKey"] = ("Storage:S3:SecretAccessKey", "s3-secret-value-9e8d7c"),
    };

    private const string DatabasePassword = "pg-passw0rd-value-7b6a";
    private const string RedisPassword = "red1s-passw0rd-value-5f4e";

    [Fact]
    public async Task Check_prints_every_setting_with_secrets_masked_and_exits_0_when_valid()
    {
        var env = new Dictionary<string, string>
        {
            ["Bmo__DataDir"] = TempDirectory.Create("bmo-config-check"),
            ["DATABASE_URL"] = $"postgres://bmo:{DatabasePassword}@127.0.0.1:1/bmo",
            ["REDIS_URL"] = $"127.0.0.1:1,password={RedisPassword}",
            ["Storage__Provider"] = "s3",
            ["Storage__S3__Bucket"] = "bmo-config-check",
            ["TWILIO_ACCOUNT_SID"] = "AC-config-check",
        };
        foreach (var (variable, (_, value)) in Secrets)
        {
            env[variable] = value;
        }

        var (exit, output) = await BmoProcess.RunAsync(["config", "check", "--role", "api"], env, TimeSpan.FromMinutes(2));

        Assert.True(exit == 0, output);
        foreach (var (key, value) in Secrets.Values)
        {
            Assert.Contains($"{key} = {ConfigCommand.Masked}", output, StringComparison.Ordinal);
            Assert.DoesNotContain(value, output, StringComparison.Ordinal);
        }

        Assert.Contains("Database:Url = postgres://bmo:******@127.0.0.1:1/bmo", output, StringComparison.Ordinal);
        Assert.Contains("Redis:Url = 127.0.0.1:1,password=******", output, StringComparison.Ordinal);
        Assert.DoesNotContain(DatabasePassword, output, StringComparison.Ordinal);
        Assert.DoesNotContain(RedisPassword, output, StringComparison.Ordinal);
        Assert.Contains("Twilio:AccountSid = AC-config-check", output, StringComparison.Ordinal); // not a secret: shown
        Assert.Contains("Database: PostgreSQL at 127.0.0.1:1, database bmo", output, StringComparison.Ordinal);
        Assert.Contains("Configuration is valid.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_exits_78_naming_the_missing_setting_and_still_masks_secrets()
    {
        var env = new Dictionary<string, string>
        {
            ["Bmo__DataDir"] = TempDirectory.Create("bmo-config-check"),
            ["DATABASE_URL"] = $"postgres://bmo:{DatabasePassword}@127.0.0.1:1/bmo",
            ["BMO_ADMIN_KEY"] = Secrets["BMO_ADMIN_KEY"].Value,
        };

        var (exit, output) = await BmoProcess.RunAsync(["config", "check", "--role", "worker"], env, TimeSpan.FromMinutes(2));

        Assert.True(exit == ConfigurationErrors.ExitCode, output);
        Assert.Contains("Configuration error: Delivery:LinkSigningKey (BMO_LINK_SIGNING_KEY) is required", output, StringComparison.Ordinal);
        Assert.Contains($"Auth:AdminKey = {ConfigCommand.Masked}", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Secrets["BMO_ADMIN_KEY"].Value, output, StringComparison.Ordinal);
        Assert.DoesNotContain(DatabasePassword, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Configuration is valid.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_of_the_embedded_default_is_valid_and_starts_nothing()
    {
        var dataDir = TempDirectory.Create("bmo-config-check");

        var (exit, output) = await BmoProcess.RunAsync(["config", "check", "--data-dir", dataDir], new Dictionary<string, string>(), TimeSpan.FromMinutes(2));

        Assert.True(exit == 0, output);
        Assert.Contains("Effective configuration for role(s) api, ai, worker:", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dataDir, "bmo.db")), "config check must not create the database");
        Assert.False(File.Exists(Path.Combine(dataDir, "jobs.db")), "config check must not create the job store");
    }

    [Fact]
    public async Task Check_with_an_unknown_role_is_a_usage_error()
    {
        var (exit, output) = await BmoProcess.RunAsync(["config", "check", "--role", "web"], new Dictionary<string, string>(), TimeSpan.FromMinutes(2));

        Assert.True(exit == 2, output);
        Assert.Contains("Unknown role 'web'", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Database:ConnectionString", "Host=db;Database=bmo;Username=bmo;Password=cs-secret-1", "Host=db;Database=bmo;Username=bmo;Password=******", "cs-secret-1")]
    [InlineData("Redis:Url", "redis://:r-secret-2@cache:6379", "redis://:******@cache:6379", "r-secret-2")]
    [InlineData("Database:Url", "postgres://u:p%40ss-3@db/bmo", "postgres://u:******@db/bmo", "p%40ss-3")]
    [InlineData("Storage:S3:AccessKeyId", "AKIA-secretish", ConfigCommand.Masked, "AKIA-secretish")]
    [InlineData("Redis:KeyPrefix", "bmo:", "bmo:", null)]
    public void Mask_hides_secret_keys_and_passwords_inside_urls_and_connection_strings(string key, string value, string shown, string? secret)
    {
        var secrets = new List<string>();

        Assert.Equal(shown, ConfigCommand.Mask(key, value, secrets));
        if (secret is not null)
        {
            Assert.Contains(secret, secrets);
        }
    }
}
