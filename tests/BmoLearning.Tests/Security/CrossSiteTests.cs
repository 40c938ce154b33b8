using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BmoLearning.Tests.Infrastructure;

namespace BmoLearning.Tests.Security;

/// <summary>
/// A browser that signed in to the jobs dashboard with Basic sends those credentials to any request another site
/// makes: Basic is accepted on the dashboard only, and the dashboard's own POSTs must come from the dashboard.
/// </summary>
public sealed class CrossSiteTests : IDisposable
{
    private readonly BmoAppFactory _factory = new();

    private HttpClient Browser()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"admin:{BmoAppFactory.AdminKey}")));
        return client;
    }

    [Fact]
    public async Task Basic_credentials_are_refused_on_the_api_and_nothing_is_uploaded()
    {
        var browser = Browser();
        using var form = new MultipartFormDataContent { { new ByteArrayContent("# Planted\n\nAttacker text."u8.ToArray()), "file", "planted.md" } };
        var upload = await browser.PostAsync("/api/v1/documents", form);
        await upload.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await browser.PostAsync($"/api/v1/documents/{Guid.NewGuid()}/reprocess", null)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await browser.GetAsync("/api/v1/learners")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        var documents = await (await _factory.CreateAdminClient().GetAsync("/api/v1/documents?per_page=100")).ReadObjectAsync();
        Assert.DoesNotContain(documents["items"]!.AsArray(), d => (string?)d!["file_name"] == "planted.md");
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task A_dashboard_post_started_by_another_site_is_refused(string header, string value)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["jobs[]"] = "knowledge-sync" }),
        };
        request.Headers.TryAddWithoutValidation(header, value);

        var response = await Browser().SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Cross-site request refused", (string?)problem["title"]);
    }

    [Fact]
    public async Task The_dashboard_still_works_with_basic_and_its_own_origin()
    {
        var browser = Browser();
        var dashboard = await browser.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        // The dashboard's pages carry an antiforgery token (the console registers antiforgery, and Hangfire then
        // checks it on every POST); its own script sends it back in a header, as this request does.
        var page = await dashboard.Content.ReadAsStringAsync();
        var header = System.Text.RegularExpressions.Regex.Match(page, "<meta name=\"csrf-header\" content=\"([^\"]+)\"").Groups[1].Value;
        var token = System.Text.RegularExpressions.Regex.Match(page, "<meta name=\"csrf-token\" content=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(header) || string.IsNullOrEmpty(token), "the dashboard page carries no antiforgery token");
        var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["jobs[]"] = "no-such-job" }),
        };
        request.Headers.TryAddWithoutValidation(header, System.Net.WebUtility.HtmlDecode(token));
        request.Headers.TryAddWithoutValidation("Origin", "http://localhost");
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");

        var response = await browser.SendAsync(request);

        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
    }

    [Fact]
    public async Task A_dashboard_post_without_its_antiforgery_token_is_refused_even_from_its_own_origin()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["jobs[]"] = "no-such-job" }),
        };
        request.Headers.TryAddWithoutValidation("Origin", "http://localhost");

        var response = await Browser().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}
