using System.Text.Json.Nodes;
using System.Net;
using System.Net.Http.Json;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Api;

public sealed class AuthTests : IDisposable
{
    private readonly BmoAppFactory _factory = new();

    [Theory]
    [InlineData("GET", "/api/v1/learners")]
    [InlineData("POST", "/api/v1/learners")]
    [InlineData("GET", "/api/v1/search?q=apr")]
    [InlineData("POST", "/api/v1/quiz_responses")]
    public async Task Protected_routes_without_a_key_return_401_problem(string method, string path)
    {
        var response = await _factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("X-API-Key", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_returns_401_and_creates_nothing()
    {
        var response = await _factory.CreateClientWithKey("not-a-key").PostAsJsonAsync("/api/v1/learners", new { email = "nobody@example.com", name = "No Body" });
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);

        var list = await (await _factory.CreateAdminClient().GetAsync("/api/v1/learners")).ReadObjectAsync();
        Assert.Equal(0, (int)list["total"]!);
    }

    [Fact]
    public async Task An_integration_key_cannot_use_admin_routes()
    {
        var response = await _factory.CreateIntegrationClient().GetAsync("/api/v1/search?q=apr");
        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_integration_key_can_create_learners_and_the_admin_key_can_search()
    {
        await _factory.CreateIntegrationClient().CreateLearnerAsync();
        var search = await _factory.CreateAdminClient().GetAsync("/api/v1/search?q=grace%20period&k=3");
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
    }

    [Fact]
    public async Task Jobs_dashboard_needs_the_admin_key_and_asks_browsers_for_basic_auth()
    {
        var anonymous = await _factory.CreateClient().GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.StartsWith("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await _factory.CreateIntegrationClient().GetAsync("/hangfire")).StatusCode);

        var browser = _factory.CreateClient();
        browser.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("admin:"u8.ToArray().Concat(System.Text.Encoding.UTF8.GetBytes(BmoAppFactory.AdminKey)).ToArray()));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/hangfire")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_and_docs_page_are_public()
    {
        var client = _factory.CreateClient();
        var document = await (await client.GetAsync("/openapi/v1.json")).ReadObjectAsync();
        Assert.NotNull(document["paths"]!["/api/v1/learners/{id}/request_lesson"]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/scalar/v1")).StatusCode);
    }

    [Fact]
    public async Task The_OpenApi_document_marks_exactly_the_routes_that_take_no_key_as_anonymous()
    {
        var document = await (await _factory.CreateClient().GetAsync("/openapi/v1.json")).ReadObjectAsync();
        var anonymous = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation!["security"] is JsonArray { Count: 0 })
                {
                    anonymous.Add($"{method.ToUpperInvariant()} {path}");
                }
            }
        }

        Assert.Contains("POST /api/v1/webhooks/slack/interactions", anonymous);
        Assert.Contains("POST /api/v1/webhooks/twilio/sms", anonymous);
        Assert.Contains("GET /api/v1/objects", anonymous);
        // Listed with the documents it serves, not under a tag named after the endpoint class.
        Assert.Equal("Documents", (string?)document["paths"]!["/api/v1/objects"]!["get"]!["tags"]![0]);
        Assert.Contains("GET /api/v1/health", anonymous);
        Assert.DoesNotContain(anonymous, a => a.Contains("/learners", StringComparison.Ordinal) || a.Contains("/documents", StringComparison.Ordinal) || a.Contains("/keys", StringComparison.Ordinal));
        // And the anonymous routes really take no key.
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await _factory.CreateClient().GetAsync("/api/v1/health")).StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}

public sealed class GeneratedAdminKeyTests : IDisposable
{
    private readonly BmoAppFactory _factory = new BmoAppFactory().With("Auth:AdminKey", null);

    [Fact]
    public async Task Without_a_configured_key_one_is_generated_into_the_data_directory_and_works()
    {
        var client = _factory.CreateClient();
        var path = Path.Combine(_factory.DataDir, "admin-key");
        Assert.True(File.Exists(path));
        var key = (await File.ReadAllTextAsync(path)).Trim();
        Assert.StartsWith("bmo_admin_", key, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        client.DefaultRequestHeaders.Add("X-API-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/search?q=fees")).StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
