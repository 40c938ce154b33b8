using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Production;

/// <summary>
/// The production shape: separate api, ai and worker processes of the same executable, configured only by
/// the reference system's environment variables, against PostgreSQL and Redis; schema and knowledge from the CLI.
/// </summary>
public sealed class ProductionRolesTests
{
    internal static Dictionary<string, string> Environment(string databaseUrl, string redisUrl) => new()
    {
        ["DATABASE_URL"] = databaseUrl,
        ["REDIS_URL"] = redisUrl,
        ["BMO_ADMIN_KEY"] = BmoAppFactory.AdminKey,
        ["BMO_LINK_SIGNING_KEY"] = "e2e-link-signing-key-0123456789abcdef",
        ["Jobs__Storage"] = "redis",
        ["Jobs__RedisPrefix"] = $"{{bmo-e2e-{Guid.NewGuid():N}}}:",
        ["Jobs__PollInterval"] = "00:00:00.500",
        ["Bmo__DataDir"] = TempDirectory.Create("bmo-process"),
        ["Logging__LogLevel__Default"] = "Warning",
    };

    [PostgresAndRedisFact]
    public async Task Api_ai_and_two_workers_on_postgres_and_redis_run_the_step_16_flow()
    {
        var database = PostgresDatabases.CreateEmpty();
        var env = Environment(PostgresDatabases.Url(database), $"redis://{TestEnvironment.Redis}");

        var migrate = await BmoProcess.RunAsync(["migrate"], env);
        Assert.True(migrate.ExitCode == 0, migrate.Output);
        var seed = await BmoProcess.RunAsync(["seed"], env);
        Assert.True(seed.ExitCode == 0, seed.Output);
        var chunks = PostgresDatabases.Count(database, "SELECT count(*) FROM knowledge_chunks");
        var reseed = await BmoProcess.RunAsync(["seed"], env);
        Assert.True(reseed.ExitCode == 0, reseed.Output);
        Assert.Contains("Processed 0,", reseed.Output, StringComparison.Ordinal);
        Assert.Equal(chunks, PostgresDatabases.Count(database, "SELECT count(*) FROM knowledge_chunks"));

        await using var api = BmoProcess.Serve("api", env);
        await using var ai = BmoProcess.Serve("ai", env);
        await using var worker = BmoProcess.Serve("worker", env);
        await using var secondWorker = BmoProcess.Serve("worker", env);
        BmoProcess[] all = [api, ai, worker, secondWorker];
        await Task.WhenAll(all.Select(p => p.WaitUntilLiveAsync()));
        await Task.WhenAll(all.Select(p => p.WaitUntilReadyAsync()));
        foreach (var process in all)
        {
            var readiness = await process.CreateClient(apiKey: null).GetAsync("/api/v1/health");
            Assert.True(readiness.StatusCode == HttpStatusCode.OK, process.Output);
            var body = await readiness.ReadObjectAsync();
            Assert.Equal("connected", (string?)body["database"]);
            Assert.Equal("connected", (string?)body["redis"]);
        }

        // Each role serves only its part.
        Assert.Equal("api", await ServiceNameAsync(api));
        Assert.Equal("ai-service", await ServiceNameAsync(ai));
        Assert.Equal("worker", await ServiceNameAsync(worker));
        Assert.Equal(HttpStatusCode.NotFound, (await worker.CreateClient().GetAsync("/api/v1/learners")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ai.CreateClient().GetAsync("/api/v1/learners")).StatusCode);

        // Step 16 of the reference system's deployment plan, then lessons the knowledge base can teach.
        var client = api.CreateClient();
        var created = await client.PostAsJsonAsync("/api/v1/learners", new { email = "test@example.com", name = "Test User" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var learnerId = (string)(await created.ReadObjectAsync())["id"]!;
        var python = await client.PostAsJsonAsync($"/api/v1/learners/{learnerId}/request_lesson", new { topic = "Python basics", difficulty = "beginner" });
        Assert.Equal(HttpStatusCode.Accepted, python.StatusCode);
        var requests = new List<string>();
        foreach (var topic in new[] { "APR", "Annual fees", "Credit limits", "Grace periods", "Minimum payments", "Rewards" })
        {
            requests.Add((string)(await client.RequestLessonAsync(learnerId, topic))["id"]!);
        }

        // Nothing in a credit-card knowledge base teaches Python: the worker processes it and says why.
        var pythonDone = await client.WaitForLessonRequestAsync((string)(await python.ReadObjectAsync())["id"]!, TimeSpan.FromMinutes(3));
        Assert.Equal("failed", (string?)pythonDone["status"]);
        Assert.Contains("relevant", (string?)pythonDone["error"], StringComparison.Ordinal);
        foreach (var id in requests)
        {
            var done = await client.WaitForLessonRequestAsync(id, TimeSpan.FromMinutes(3));
            Assert.Equal("ready", (string?)done["status"]);
            Assert.NotEmpty(done["lesson"]!["sources"]!.AsArray());
        }

        // Two workers shared the queue: every request produced exactly one lesson, stored in PostgreSQL.
        Assert.Equal(requests.Count, PostgresDatabases.Count(database, "SELECT count(*) FROM lessons"));
        Assert.Equal(requests.Count, PostgresDatabases.Count(database, "SELECT count(DISTINCT lesson_id) FROM lesson_requests WHERE status = 'Ready'"));
    }

    private static async Task<string?> ServiceNameAsync(BmoProcess process) =>
        (string?)(await process.CreateClient(apiKey: null).GetFromJsonAsync<JsonObject>("/health"))!["service"];
}
