using System.Net;
using System.Net.Http.Json;
using System.Text;
using BmoLearning.Tests.Delivery;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Security;

/// <summary>The inputs a hostile review answered with a 500 (issue 17, item 3) and the smaller items of item 8.</summary>
public sealed class BadInputTests : IDisposable
{
    private const string AiKey = "test-ai-service-key-0123456789";
    private readonly BmoAppFactory _factory = new BmoAppFactory()
        .With("AiService:ApiKey", AiKey)
        .With("Delivery:PublicBaseUrl", "https://learn.bank.example")
        .With("Twilio:AccountSid", ProviderFakes.TwilioSid)
        .With("Twilio:AuthToken", ProviderFakes.TwilioToken)
        .With("Twilio:PhoneNumber", ProviderFakes.TwilioNumber);

    [Theory]
    [InlineData("from=9999-12-30&to=9999-12-31", "from")]
    [InlineData("to=0001-01-10", "to")]
    [InlineData("from=0001-01-01&to=0001-01-02", "from")]
    public async Task Analytics_dates_outside_the_calendar_arithmetic_are_422(string query, string field)
    {
        var problem = await (await _factory.CreateAdminClient().GetAsync($"/api/v1/analytics/ai-usage?{query}")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task Upload_metadata_with_a_null_value_is_422()
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent("# Fees\n\nAnnual fees."u8.ToArray()), "file", "fees.md" },
            { new StringContent("{\"a\":null}"), "metadata" },
        };
        var problem = await (await _factory.CreateAdminClient().PostAsync("/api/v1/documents", form)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]!["metadata"]);
    }

    [Fact]
    public async Task Generate_lesson_with_a_null_context_chunk_is_422()
    {
        var response = await _factory.CreateClientWithKey(AiKey).PostAsync("/api/v1/generate-lesson",
            new StringContent("{\"topic\":\"APR\",\"context\":[null]}", Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]!["context"]);
    }

    [Theory]
    [InlineData("../admin-key")]
    [InlineData("/etc/passwd")]
    [InlineData("documents/../../admin-key")]
    [InlineData("a\\..\\b")]
    public async Task Process_document_with_a_key_outside_the_store_is_422(string key)
    {
        var response = await _factory.CreateClientWithKey(AiKey).PostAsJsonAsync("/api/v1/process-document", new { s3_key = key });
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]!["s3_key"]);
    }

    [Fact]
    public async Task Process_document_for_an_unknown_document_id_is_404()
    {
        var response = await _factory.CreateClientWithKey(AiKey).PostAsJsonAsync("/api/v1/process-document", new { document_id = Guid.NewGuid().ToString() });
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/v1/learners?page=99999999999", "page")]
    [InlineData("/api/v1/learners?per_page=99999999999", "per_page")]
    [InlineData("/api/v1/documents?page=abc", "page")]
    [InlineData("/api/v1/search?q=apr&k=99999999999", "k")]
    public async Task Query_numbers_that_do_not_fit_are_422_naming_the_field(string url, string field)
    {
        var problem = await (await _factory.CreateAdminClient().GetAsync(url)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task The_twilio_webhook_refuses_an_unsigned_oversized_or_many_field_body_without_reading_a_form()
    {
        var logs = LogCapture.Attach(_factory);
        var client = _factory.CreateClient();
        var many = string.Join("&", Enumerable.Range(0, 2000).Select(i => $"f{i}=1"));
        var unsigned = await client.PostAsync("/api/v1/webhooks/twilio/sms", new StringContent(many, Encoding.UTF8, "application/x-www-form-urlencoded"));
        await unsigned.AssertProblemAsync(HttpStatusCode.Unauthorized);

        var big = new StringContent("Body=" + new string('a', 5 * 1024 * 1024), Encoding.UTF8, "application/x-www-form-urlencoded");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/twilio/sms") { Content = big };
        request.Headers.Add("X-Twilio-Signature", "c2lnbmF0dXJl");
        await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        var signedMany = new HttpRequestMessage(HttpMethod.Post, "/api/v1/webhooks/twilio/sms") { Content = new StringContent(many, Encoding.UTF8, "application/x-www-form-urlencoded") };
        signedMany.Headers.Add("X-Twilio-Signature", "c2lnbmF0dXJl");
        await (await client.SendAsync(signedMany)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.DoesNotContain(logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("name", "Eve\u0000Null")]
    [InlineData("name", "Bell\u0007")]
    [InlineData("name", "Admin\u202Egnp.exe")]
    [InlineData("name", "Isolate\u2066x\u2069")]
    [InlineData("name", "Line\nbreak")]
    public async Task Learner_names_with_control_or_bidi_characters_are_422_and_nothing_is_stored(string field, string value)
    {
        var admin = _factory.CreateAdminClient();
        var email = $"learner-{Guid.NewGuid():N}@example.com";
        var body = new Dictionary<string, string> { ["email"] = email, [field] = value };
        var problem = await (await admin.PostAsJsonAsync("/api/v1/learners", body)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(problem["errors"]![field]);

        var learner = await admin.CreateLearnerAsync();
        var patched = await admin.PatchAsJsonAsync($"/api/v1/learners/{learner["id"]}", new Dictionary<string, string> { [field] = value });
        await patched.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Test User", (string?)(await (await admin.GetAsync($"/api/v1/learners/{learner["id"]}")).ReadObjectAsync())["name"]);
    }

    [Theory]
    [InlineData("APR\u0000")]
    [InlineData("APR \u202Eorp")]
    [InlineData("APR\u0007 basics")]
    public async Task Topics_with_control_or_bidi_characters_are_422(string topic)
    {
        var admin = _factory.CreateAdminClient();
        var learner = await admin.CreateLearnerAsync();
        var lesson = await admin.PostAsJsonAsync($"/api/v1/learners/{learner["id"]}/request_lesson", new { topic });
        Assert.NotNull((await lesson.AssertProblemAsync(HttpStatusCode.UnprocessableEntity))["errors"]!["topic"]);
        var path = await admin.PostAsJsonAsync("/api/v1/learning_paths", new { learner_id = learner["id"]!.ToString(), topic });
        Assert.NotNull((await path.AssertProblemAsync(HttpStatusCode.UnprocessableEntity))["errors"]!["topic"]);
    }

    [Fact]
    public async Task A_download_url_uses_the_public_base_url_whatever_the_host_header_says()
    {
        var admin = _factory.CreateAdminClient();
        using var form = new MultipartFormDataContent { { new ByteArrayContent("# Host\n\nHeader test."u8.ToArray()), "file", "host.md" } };
        var uploaded = await (await admin.PostAsync("/api/v1/documents", form)).ReadObjectAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/documents/{uploaded["document"]!["id"]}/download_url");
        request.Headers.Host = "evil.example";

        var link = await (await admin.SendAsync(request)).ReadObjectAsync();

        Assert.StartsWith("https://learn.bank.example/api/v1/objects?", (string?)link["url"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_json_body_over_the_route_limit_is_413_problem_and_nothing_is_created()
    {
        var admin = _factory.CreateAdminClient();
        var email = $"big-{Guid.NewGuid():N}@example.com";
        var json = $"{{\"email\":\"{email}\",\"name\":\"Big\",\"padding\":\"{new string('x', 200 * 1024)}\"}}";

        var response = await admin.PostAsync("/api/v1/learners", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        var learners = await (await admin.GetAsync("/api/v1/learners?per_page=100")).ReadObjectAsync();
        Assert.DoesNotContain(learners["items"]!.AsArray(), l => (string?)l!["email"] == email);
    }

    [Fact]
    public async Task An_upload_may_be_as_large_as_the_document_limit_allows()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("# Large\n\n" + new string('a', 100 * 1024))), "file", "large.md" } };
        var response = await _factory.CreateAdminClient().PostAsync("/api/v1/documents", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
