using System.Net;
using System.Net.Http.Json;
using System.Text;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Api;

public sealed class LearnerTests : IDisposable
{
    private readonly BmoAppFactory _factory = new();
    private readonly HttpClient _client;

    public LearnerTests() => _client = _factory.CreateAdminClient();

    [Fact]
    public async Task Create_learner_with_the_seed_body_returns_201_with_location_and_snake_case_fields()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/learners", new { email = "test@example.com", name = "Test User" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadObjectAsync();
        Assert.Equal($"/api/v1/learners/{body["id"]}", response.Headers.Location?.ToString());
        Assert.Equal("test@example.com", (string?)body["email"]);
        Assert.Equal("web", (string?)body["preferred_channel"]);
        Assert.Equal("UTC", (string?)body["time_zone"]);
        Assert.Equal(9, (int)body["preferred_delivery_hour"]!);
    }

    [Fact]
    public async Task Create_learner_with_all_fields_keeps_them()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/learners", new
        {
            email = "Full.Fields@Example.com",
            name = "  Full Fields ",
            phone = "+14165550199",
            slack_user_id = "U012AB3CD",
            preferred_channel = "slack",
            time_zone = "America/Toronto",
            preferred_delivery_hour = 8,
        });
        var body = await response.ReadObjectAsync();
        Assert.Equal("full.fields@example.com", (string?)body["email"]);
        Assert.Equal("Full Fields", (string?)body["name"]);
        Assert.Equal("+14165550199", (string?)body["phone"]);
        Assert.Equal("slack", (string?)body["preferred_channel"]);
        Assert.Equal("America/Toronto", (string?)body["time_zone"]);
    }

    [Fact]
    public async Task Duplicate_email_returns_409_regardless_of_case()
    {
        await _client.CreateLearnerAsync("dup@example.com");
        var response = await _client.PostAsJsonAsync("/api/v1/learners", new { email = "DUP@example.com", name = "Again" });
        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Invalid_fields_return_422_naming_each_field()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/learners", new
        {
            email = "not-an-email",
            name = "",
            phone = "416-555-0199",
            slack_user_id = "bad id",
            preferred_channel = "fax",
            time_zone = "Mars/Olympus",
            preferred_delivery_hour = 24,
        });
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem["errors"]!.AsObject();
        foreach (var field in new[] { "email", "name", "phone", "slack_user_id", "preferred_channel", "time_zone", "preferred_delivery_hour" })
        {
            Assert.True(errors.ContainsKey(field), $"missing error for {field}: {problem.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Sms_channel_without_a_phone_is_rejected()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/learners", new { email = "sms@example.com", name = "Sms", preferred_channel = "sms" });
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("phone", problem["errors"]!["preferred_channel"]![0]!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"email\": \"a@example.com\", \"name\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"email\": \"a@example.com\", \"name\": \"A\", \"preferred_delivery_hour\": \"nine\"}")]
    public async Task Malformed_json_returns_400_problem_and_creates_nothing(string json)
    {
        var response = await _client.PostAsync("/api/v1/learners", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JSON", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(0, (int)(await (await _client.GetAsync("/api/v1/learners")).ReadObjectAsync())["total"]!);
    }

    [Fact]
    public async Task Wrong_content_type_returns_415_problem()
    {
        var response = await _client.PostAsync("/api/v1/learners", new StringContent("email=a@example.com", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task List_is_paginated_with_total()
    {
        for (var i = 0; i < 5; i++)
        {
            await _client.CreateLearnerAsync($"page{i}@example.com");
        }

        var first = await (await _client.GetAsync("/api/v1/learners?page=1&per_page=2")).ReadObjectAsync();
        var third = await (await _client.GetAsync("/api/v1/learners?page=3&per_page=2")).ReadObjectAsync();
        Assert.Equal(5, (int)first["total"]!);
        Assert.Equal(2, first["items"]!.AsArray().Count);
        Assert.Single(third["items"]!.AsArray());
        Assert.Equal("page0@example.com", (string?)first["items"]![0]!["email"]);
    }

    [Theory]
    [InlineData("per_page=0")]
    [InlineData("per_page=101")]
    [InlineData("page=0")]
    public async Task Bad_paging_returns_422(string query)
    {
        await (await _client.GetAsync($"/api/v1/learners?{query}")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Non_numeric_paging_returns_422_naming_the_field()
    {
        var problem = await (await _client.GetAsync("/api/v1/learners?page=abc")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]!["page"]);
    }

    [Fact]
    public async Task Get_returns_the_learner_and_unknown_ids_return_404()
    {
        var created = await _client.CreateLearnerAsync("get@example.com");
        var fetched = await (await _client.GetAsync($"/api/v1/learners/{created["id"]}")).ReadObjectAsync();
        Assert.Equal("get@example.com", (string?)fetched["email"]);

        await (await _client.GetAsync($"/api/v1/learners/{Guid.NewGuid()}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/v1/learners/not-a-guid")).StatusCode);
    }

    [Fact]
    public async Task Patch_updates_only_the_given_fields_and_clears_with_empty_string()
    {
        var created = await _client.CreateLearnerAsync("patch@example.com", "Before");
        var id = (string)created["id"]!;
        await _client.PatchAsJsonAsync($"/api/v1/learners/{id}", new { phone = "+14165550100" });

        var response = await _client.PatchAsJsonAsync($"/api/v1/learners/{id}", new { name = "After", preferred_delivery_hour = 7, phone = "" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadObjectAsync();
        Assert.Equal("After", (string?)body["name"]);
        Assert.Equal(7, (int)body["preferred_delivery_hour"]!);
        Assert.Null(body["phone"]);
        Assert.Equal("patch@example.com", (string?)body["email"]);
    }

    [Fact]
    public async Task Patch_rejects_invalid_fields_and_changes_nothing()
    {
        var created = await _client.CreateLearnerAsync("keep@example.com", "Keep");
        var id = (string)created["id"]!;
        var response = await _client.PatchAsJsonAsync($"/api/v1/learners/{id}", new { name = "Changed", time_zone = "Nowhere/Nope" });
        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        var after = await (await _client.GetAsync($"/api/v1/learners/{id}")).ReadObjectAsync();
        Assert.Equal("Keep", (string?)after["name"]);
    }

    [Fact]
    public async Task Patch_to_an_email_in_use_returns_409_and_unknown_learner_404()
    {
        await _client.CreateLearnerAsync("taken@example.com");
        var other = await _client.CreateLearnerAsync("other@example.com");
        var response = await _client.PatchAsJsonAsync($"/api/v1/learners/{other["id"]}", new { email = "taken@example.com" });
        await response.AssertProblemAsync(HttpStatusCode.Conflict);

        var missing = await _client.PatchAsJsonAsync($"/api/v1/learners/{Guid.NewGuid()}", new { name = "X" });
        await missing.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    public void Dispose() => _factory.Dispose();
}
