using System.Net;
using System.Text.RegularExpressions;

namespace BmoLearning.Web.Tests;

/// <summary>The console over plain HTTP: session cookie, antiforgery, roles and error pages.</summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class ConsoleHttpTests(ConsoleApp app)
{
    [Fact]
    public async Task Console_pages_redirect_to_sign_in_without_a_session()
    {
        using var client = Client();
        var response = await client.GetAsync("/admin/documents");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/admin/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_with_the_key_sets_an_httponly_strict_cookie_scoped_to_admin()
    {
        var (_, setCookie) = await SignInAsync(ConsoleApp.AdminKey);

        Assert.Contains("path=/admin", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        // Loopback over http is the one case where the cookie may not be Secure (see LoopbackAwareCookieManager).
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_gives_no_session()
    {
        var (response, setCookie) = await SignInAsync("not-the-key");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("That key is not valid.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("bmo_console=", setCookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_console_cookie_never_authenticates_the_api()
    {
        var (_, setCookie) = await SignInAsync(ConsoleApp.AdminKey);
        var cookie = setCookie.Split(';')[0];
        using var client = Client();
        using var console = new HttpRequestMessage(HttpMethod.Get, "/admin") { Headers = { { "Cookie", cookie } } };
        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/v1/analytics/dashboard") { Headers = { { "Cookie", cookie } } };

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(console)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(api)).StatusCode);
    }

    [Fact]
    public async Task A_form_posted_without_the_antiforgery_token_is_refused()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = ConsoleApp.AdminKey }),
        };
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("bmo_console=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_viewer_sees_the_overview_but_gets_403_from_admin_pages_and_forms()
    {
        var cookie = await app.SessionCookieAsync("viewer");
        using var client = Client();

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, "/admin", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(client, HttpMethod.Get, "/admin/documents", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(client, HttpMethod.Get, "/admin/system", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(client, HttpMethod.Get, "/admin/lessons", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(client, HttpMethod.Get, "/admin/deliveries", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(client, HttpMethod.Post, "/admin/documents", cookie)).StatusCode);
    }

    [Fact]
    public async Task A_manager_reads_documents_but_cannot_upload()
    {
        var cookie = await app.SessionCookieAsync("manager");
        using var client = Client();
        var page = await SendAsync(client, HttpMethod.Get, "/admin/documents", cookie);
        var html = await page.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html).Groups[1].Value;
        using var upload = new MultipartFormDataContent
        {
            { new ByteArrayContent("# Title\n\nSome text."u8.ToArray()), "file", "notes.md" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/documents") { Content = upload, Headers = { { "Cookie", $"{cookie}; {AntiforgeryCookie(page)}" } } };

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("Upload a document", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(post)).StatusCode);
    }

    [Theory]
    [InlineData("/admin/documents/00000000-0000-0000-0000-000000000001")]
    [InlineData("/admin/lessons/00000000-0000-0000-0000-000000000001")]
    public async Task An_unknown_id_is_a_404_page_not_a_stack_trace(string path)
    {
        var cookie = await app.SessionCookieAsync("admin");
        using var client = Client();
        var response = await SendAsync(client, HttpMethod.Get, path, cookie);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Not found</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_even_for_a_copy_of_the_cookie()
    {
        var (_, setCookie) = await SignInAsync(ConsoleApp.AdminKey);
        var cookie = setCookie.Split(';')[0];
        using var client = Client();
        var overview = await SendAsync(client, HttpMethod.Get, "/admin", cookie);
        var token = TokenPattern().Match(await overview.Content.ReadAsStringAsync()).Groups[1].Value;
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/admin/sign-out")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
            Headers = { { "Cookie", $"{cookie}; {AntiforgeryCookie(overview)}" } },
        };

        Assert.Equal(HttpStatusCode.Redirect, (await client.SendAsync(signOut)).StatusCode);
        var replayed = await SendAsync(client, HttpMethod.Get, "/admin", cookie);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/admin/sign-in", replayed.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string cookie)
    {
        using var request = new HttpRequestMessage(method, path) { Headers = { { "Cookie", cookie } } };
        if (method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent([]);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Posts the sign-in form as a browser would (antiforgery cookie and token); returns the response and its Set-Cookie headers.</summary>
    private async Task<(HttpResponseMessage Response, string SetCookie)> SignInAsync(string key)
    {
        using var client = Client();
        var form = await client.GetAsync("/admin/sign-in");
        var token = TokenPattern().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = key, ["__RequestVerificationToken"] = token }),
            Headers = { { "Cookie", AntiforgeryCookie(form) } },
        };
        var response = await client.SendAsync(request);
        var setCookie = response.Headers.TryGetValues("Set-Cookie", out var values) ? string.Join("\n", values.Where(v => v.StartsWith("bmo_console=", StringComparison.Ordinal))) : "";
        return (response, setCookie);
    }

    private static string AntiforgeryCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("bmo_console_af=", StringComparison.Ordinal)).Split(';')[0];

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
