using System.Net;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Api;

public sealed class HealthTests : IDisposable
{
    private readonly BmoAppFactory _factory = new();

    [Fact]
    public async Task Liveness_reports_the_ai_service_shape_without_a_key()
    {
        var body = await (await _factory.CreateClient().GetAsync("/health")).ReadObjectAsync();
        Assert.Equal("healthy", (string?)body["status"]);
        Assert.Equal("ai-service", (string?)body["service"]);
    }

    [Fact]
    public async Task Readiness_reports_database_connected_and_redis_not_configured()
    {
        using var withoutRedis = new BmoAppFactory().With("Redis:Url", null).With("Jobs:Storage", TestEnvironment.JobStorage == "redis" ? null : TestEnvironment.JobStorage);
        var response = await withoutRedis.CreateClient().GetAsync("/api/v1/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadObjectAsync();
        Assert.Equal("ok", (string?)body["status"]);
        Assert.Equal("connected", (string?)body["database"]);
        Assert.Equal("not_configured", (string?)body["redis"]);
    }

    [SqliteFact]
    public async Task Readiness_is_503_and_liveness_still_200_when_the_database_is_unreachable()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/health")).StatusCode);

        // Make the database unreachable: the file becomes a directory SQLite cannot open.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var db = Path.Combine(_factory.DataDir, "bmo.db");
        File.Move(db, db + ".moved");
        foreach (var side in new[] { "-wal", "-shm" })
        {
            File.Delete(db + side);
        }

        Directory.CreateDirectory(db);

        var readiness = await client.GetAsync("/api/v1/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
        Assert.Equal("disconnected", (string?)(await readiness.ReadObjectAsync())["database"]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Readiness_is_503_with_redis_disconnected_when_the_configured_redis_is_unreachable()
    {
        using var factory = new BmoAppFactory()
            .With("Redis:Url", $"redis://127.0.0.1:{FreePort.Find()}")
            .With("Jobs:Storage", TestEnvironment.JobStorage == "redis" ? null : TestEnvironment.JobStorage);
        var client = factory.CreateClient();

        var readiness = await client.GetAsync("/api/v1/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
        var body = await readiness.ReadObjectAsync();
        Assert.Equal("disconnected", (string?)body["redis"]);
        Assert.Equal("connected", (string?)body["database"]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        // Everything but readiness works without Redis: the cache falls back to computing.
        var admin = factory.CreateAdminClient();
        var search = await admin.GetAsync("/api/v1/search?q=annual%20fee");
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
