using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using BmoLearning.Core.Data;
using BmoLearning.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BmoLearning.Tests.Governance;

/// <summary>Managed API keys (issue 14): scoped, hashed at rest, revocable everywhere within two seconds.</summary>
public sealed class ApiKeyTests : IDisposable
{
    private readonly BmoAppFactory _factory = new();

    [Fact]
    public async Task A_revoked_key_gets_401_from_a_second_instance_on_the_same_database_within_two_seconds()
    {
        var admin = _factory.CreateAdminClient();
        var (id, secret) = await CreateKeyAsync(admin, "integration");
        using var second = new BmoAppFactory(_factory.DataDir).With("Bmo:Roles", "api");
        var other = second.CreateClientWithKey(secret);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/learners")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/keys/{id}")).StatusCode);
        var clock = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await other.GetAsync("/api/v1/learners")).StatusCode;
        }
        while (status != HttpStatusCode.Unauthorized && clock.Elapsed < TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the revocation took {clock.Elapsed.TotalMilliseconds:F0} ms to reach the second instance");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClientWithKey(secret).GetAsync("/api/v1/learners")).StatusCode);
        await (await admin.DeleteAsync($"/api/v1/keys/{id}")).AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_key_is_stored_only_as_a_hash_and_never_logged_and_its_use_is_recorded()
    {
        var admin = _factory.CreateAdminClient();
        var (id, secret) = await CreateKeyAsync(admin, "admin");
        Security.TestRunLogs.AddSecret("a managed API key", secret);
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClientWithKey(secret).GetAsync("/api/v1/learners")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClientWithKey(secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A')).GetAsync("/api/v1/learners")).StatusCode);

        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == id);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), row.SecretHash);
        Assert.NotNull(row.LastUsedAt);
        var secretPart = secret[^43..];
        foreach (var text in new[] { row.KeyId, row.Name, row.Scope, row.SecretHash })
        {
            Assert.DoesNotContain(secretPart, text, StringComparison.Ordinal);
        }

        var listed = await admin.GetStringAsync("/api/v1/keys");
        Assert.Contains(row.KeyId, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secretPart, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(_factory.RunLogs.Lines, l => l.Contains(secretPart, StringComparison.Ordinal));
        var audit = await db.AuditEntries.AsNoTracking().Where(e => e.Action == "CreateApiKey").ToListAsync();
        Assert.Equal(id.ToString(), Assert.Single(audit).SubjectId);
        Assert.DoesNotContain(secretPart, audit[0].Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_analytics_key_reads_analytics_and_gets_403_everywhere_else()
    {
        var admin = _factory.CreateAdminClient();
        var (_, secret) = await CreateKeyAsync(admin, "analytics");
        var analytics = _factory.CreateClientWithKey(secret);

        Assert.Equal(HttpStatusCode.OK, (await analytics.GetAsync("/api/v1/analytics/dashboard")).StatusCode);
        await (await analytics.GetAsync("/api/v1/keys")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await analytics.GetAsync("/api/v1/learners")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await analytics.PostAsJsonAsync("/api/v1/learners", new { email = "a@example.com", name = "A" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await analytics.PostAsJsonAsync("/api/v1/keys", new { name = "escalate", scope = "admin" })).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/analytics/dashboard")).StatusCode);
    }

    [Fact]
    public async Task An_expired_key_gets_401_and_a_rotated_key_is_replaced()
    {
        var admin = _factory.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "short-lived", scope = "integration", expires_at = DateTimeOffset.UtcNow.AddSeconds(2) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (string)(await created.ReadObjectAsync())["secret"]!;
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClientWithKey(secret).GetAsync("/api/v1/learners")).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClientWithKey(secret).GetAsync("/api/v1/learners")).StatusCode);

        var (id, old) = await CreateKeyAsync(admin, "integration");
        var rotated = await admin.PostAsync($"/api/v1/keys/{id}/rotate", null);
        Assert.Equal(HttpStatusCode.Created, rotated.StatusCode);
        var fresh = (string)(await rotated.ReadObjectAsync())["secret"]!;
        Assert.Equal(HttpStatusCode.OK, (await _factory.CreateClientWithKey(fresh).GetAsync("/api/v1/learners")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.CreateClientWithKey(old).GetAsync("/api/v1/learners")).StatusCode);
        await (await admin.PostAsync($"/api/v1/keys/{id}/rotate", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostAsync($"/api/v1/keys/{Guid.NewGuid()}/rotate", null)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_key_requests_are_422_with_the_field_and_integration_keys_cannot_manage_keys()
    {
        var admin = _factory.CreateAdminClient();
        var badScope = await (await admin.PostAsJsonAsync("/api/v1/keys", new { name = "x", scope = "root" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(badScope["errors"]?["scope"]);
        var noName = await (await admin.PostAsJsonAsync("/api/v1/keys", new { scope = "admin" })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(noName["errors"]?["name"]);
        var past = await (await admin.PostAsJsonAsync("/api/v1/keys", new { name = "x", scope = "admin", expires_at = DateTimeOffset.UtcNow.AddDays(-1) })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(past["errors"]?["expires_at"]);
        await (await _factory.CreateIntegrationClient().GetAsync("/api/v1/keys")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await _factory.CreateClientWithKey("bmk_0123456789ab_" + new string('A', 43)).GetAsync("/api/v1/learners")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    private static async Task<(Guid Id, string Secret)> CreateKeyAsync(HttpClient admin, string scope)
    {
        var response = await admin.PostAsJsonAsync("/api/v1/keys", new { name = $"test {scope}", scope });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadObjectAsync();
        var secret = (string)body["secret"]!;
        Security.TestRunLogs.AddSecret("a managed API key", secret);
        return (Guid.Parse((string)body["key"]!["id"]!), secret);
    }

    public void Dispose() => _factory.Dispose();
}
