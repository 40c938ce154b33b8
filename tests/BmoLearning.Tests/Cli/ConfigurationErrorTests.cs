using BmoLearning.Host.Cli;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Cli;

/// <summary>
/// A missing or invalid production setting stops every command with one line naming the setting (exit 78,
/// EX_CONFIG) instead of an unhandled exception and its trace. Run as separate processes, as a container
/// would run them, so the whole output is known to be that one line. None of these needs a reachable server.
/// </summary>
public sealed class ConfigurationErrorTests
{
    private const string ClosedDatabaseUrl = "postgres://bmo:db-pw-n0t-shown@127.0.0.1:1/bmo";
    private const string LinkKey = "config-test-link-signing-key-0123456789";

    private static Dictionary<string, string> Env(params (string Key, string Value)[] settings)
    {
        var env = new Dictionary<string, string> { ["Bmo__DataDir"] = TempDirectory.Create("bmo-config") };
        foreach (var (key, value) in settings)
        {
            env[key] = value;
        }

        return env;
    }

    public static TheoryData<string, string[], string[], string> Cases()
    {
        var folder = TempDirectory.Create("bmo-config-docs");
        return new()
        {
            { "api role on PostgreSQL without the link key", ["serve", "--role", "api", "--urls", "http://127.0.0.1:0"], ["DATABASE_URL=" + ClosedDatabaseUrl], "Delivery:LinkSigningKey (BMO_LINK_SIGNING_KEY) is required" },
            { "worker role on PostgreSQL without the link key", ["serve", "--role", "worker", "--urls", "http://127.0.0.1:0"], ["DATABASE_URL=" + ClosedDatabaseUrl], "Delivery:LinkSigningKey (BMO_LINK_SIGNING_KEY) is required" },
            { "link key too short", ["serve", "--role", "api", "--urls", "http://127.0.0.1:0"], ["DATABASE_URL=" + ClosedDatabaseUrl, "BMO_LINK_SIGNING_KEY=short"], "Delivery:LinkSigningKey" },
            { "malformed DATABASE_URL", ["migrate"], ["DATABASE_URL=mysql://root:db-pw-n0t-shown@db/bmo"], "DATABASE_URL (Database:Url) must look like postgres://" },
            { "postgres without a server", ["migrate"], ["Database__Provider=postgres"], "Database:Provider is postgres but no server is configured" },
            { "unknown provider", ["seed"], ["Database__Provider=oracle"], "Database:Provider 'oracle' is not supported" },
            { "pool size out of range", ["seed"], ["Database__MaxPoolSize=0"], "Database:MaxPoolSize: The field MaxPoolSize must be between 1 and 1000" },
            { "unreadable number", ["ingest", folder], ["Jobs__WorkerCount=four"], "Jobs:WorkerCount cannot be read as a whole number" },
            { "bad sslmode", ["migrate"], ["DATABASE_URL=" + ClosedDatabaseUrl, "Database__SslMode=sometimes"], "Database:SslMode 'sometimes' is not supported" },
            { "AI service URL not a URL", ["serve", "--role", "api", "--urls", "http://127.0.0.1:0"], ["AI_SERVICE_URL=not a url"], "AiService:Url (AI_SERVICE_URL) must be an absolute URL" },
            { "Redis timeout out of range", ["serve", "--role", "api", "--urls", "http://127.0.0.1:0"], ["Redis__ConnectTimeoutMs=5"], "Redis:ConnectTimeoutMs: The field ConnectTimeoutMs must be between 100 and 60000" },
            { "malformed REDIS_URL", ["serve", "--role", "api", "--urls", "http://127.0.0.1:0"], ["REDIS_URL=http://127.0.0.1:6390"], "REDIS_URL (Redis:Url) must look like redis://host:6379" },
            { "job storage on Redis without Redis", ["migrate"], ["Jobs__Storage=redis"], "Jobs:Storage is redis but Redis is not configured" },
            { "unknown job storage", ["migrate"], ["Jobs__Storage=memory"], "Jobs:Storage 'memory' is not supported" },
            { "negative rate limit", ["serve", "--role", "api", "--urls", "http://127.0.0.1:0"], ["RateLimit__PermitsPerMinute=-1"], "RateLimit:PermitsPerMinute" },
            { "job timeout shorter than an ingestion", ["serve", "--role", "worker", "--urls", "http://127.0.0.1:0"], ["Jobs__InvisibilityTimeout=00:05:00"], "Jobs:InvisibilityTimeout must be at least Ingestion:MaxDuration" },
            { "unknown role in configuration", ["--Bmo:Roles=web", "--urls=http://127.0.0.1:0"], [], "Bmo:Roles (--role) names a role that does not exist" },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_setting_exits_78_with_one_line_naming_it(string because, string[] args, string[] settings, string expected)
    {
        var env = Env(settings.Select(s => s.Split('=', 2)).Select(p => (p[0], p[1])).ToArray());

        var (exit, output) = await BmoProcess.RunAsync(args, env, TimeSpan.FromMinutes(2));

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(exit == ConfigurationErrors.ExitCode, $"{because}: exit {exit}\n{output}");
        var line = Assert.Single(lines);
        Assert.StartsWith("Configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("db-pw-n0t-shown", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_roles_start_once_the_setting_is_fixed()
    {
        var env = Env(("DATABASE_URL", ClosedDatabaseUrl), ("BMO_LINK_SIGNING_KEY", LinkKey));

        var (exit, output) = await BmoProcess.RunAsync(["config", "check", "--role", "api"], env, TimeSpan.FromMinutes(2));

        Assert.True(exit == 0, output);
        Assert.Contains("Configuration is valid.", output, StringComparison.Ordinal);
    }
}
