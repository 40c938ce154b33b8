using System.Net;

namespace BmoLearning.Web.Tests;

/// <summary>The jobs dashboard at /admin/jobs behind the console's own sign-in: admins only (issue 13).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class JobsDashboardTests(ConsoleApp app)
{
    [Fact]
    public async Task Without_a_session_the_dashboard_sends_the_browser_to_sign_in()
    {
        using var client = Client();

        var response = await client.GetAsync("/admin/jobs");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("manager")]
    public async Task Viewers_and_managers_are_refused(string role)
    {
        using var client = Client();
        var cookie = role == "manager" ? await app.SessionCookieAsync(role, ConsoleApp.ManagerTeam) : await app.SessionCookieAsync(role);

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/admin/jobs") { Headers = { { "Cookie", cookie } } });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_session_opens_the_dashboard_and_its_links_stay_under_the_console()
    {
        using var client = Client();
        var cookie = await app.SessionCookieAsync("admin");

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/admin/jobs/recurring") { Headers = { { "Cookie", cookie } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("href=\"/admin/jobs/", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/system\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cross_site_post_to_the_dashboard_is_refused_even_with_an_admin_session()
    {
        using var client = Client();
        var cookie = await app.SessionCookieAsync("admin");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/jobs/recurring/trigger")
        {
            Headers = { { "Cookie", cookie }, { "Origin", "https://attacker.example" }, { "Sec-Fetch-Site", "cross-site" } },
            Content = new FormUrlEncodedContent([new("jobs[]", "anything")]),
        };

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };
}
