using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using BmoLearning.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace BmoLearning.Web.Tests;

/// <summary>
/// API keys in the console (issue 14 item 5): an admin creates a key and sees its secret once, the secret works on
/// the API, rotating it shows a new one and the old stops working, revoking stops the new one; axe-checked; admins only.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed partial class KeysPageTests(ConsoleApp app) : IAsyncLifetime
{
    private Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task An_admin_creates_rotates_and_revokes_a_key_and_the_api_honours_each_step()
    {
        var name = $"Payroll sync {Guid.NewGuid():N}"[..24];
        await using var context = await _browser.ConsoleContextAsync(app.BaseUrl);
        var page = await Browser.SignInAsync(context, ConsoleApp.AdminKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Keys", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin/keys$"));

        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByLabel("Scope").SelectOptionAsync("analytics");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("created");
        var first = await page.Locator("[data-secret]").InputValueAsync();
        Assert.StartsWith("bmk_", first, StringComparison.Ordinal);
        var violations = await Browser.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("; ", violations));
        await Browser.ScreenshotAsync(page, "keys");
        Assert.Equal(HttpStatusCode.OK, await AnalyticsWithAsync(first));

        // Shown once: the list page never carries it again.
        await page.GotoAsync("/admin/keys");
        Assert.DoesNotContain(first, await page.ContentAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = $"Rotate {name}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("rotated");
        var second = await page.Locator("[data-secret]").InputValueAsync();
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Unauthorized, await AnalyticsWithAsync(first));
        Assert.Equal(HttpStatusCode.OK, await AnalyticsWithAsync(second));

        await page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, await AnalyticsWithAsync(second));

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var acts = await db.AuditEntries.AsNoTracking().Where(e => e.Actor == "console:admin key" && e.SubjectType == "api_key").Select(e => e.Action).ToListAsync();
        Assert.Contains("CreateApiKey", acts);
        Assert.Contains("RotateApiKey", acts);
        Assert.Contains("RevokeApiKey", acts);
        // Only hashes are stored.
        Assert.False(await db.ApiKeys.AnyAsync(k => k.SecretHash == first || k.SecretHash == second));
    }

    [Fact]
    public async Task A_bad_name_is_422_with_the_field_and_creates_nothing()
    {
        var cookie = await app.SessionCookieAsync("admin");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };
        using var get = new HttpRequestMessage(HttpMethod.Get, "/admin/keys") { Headers = { { "Cookie", cookie } } };
        var form = await client.SendAsync(get);
        var token = TokenPattern().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        var antiforgery = form.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("bmo_console_af=", StringComparison.Ordinal)).Split(';')[0];
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var before = await db.ApiKeys.CountAsync();

        foreach (var (field, value, expires) in new[] { ("name", " ", ""), ("expires_at", "Nightly job", "tomorrow") })
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/keys?handler=Create")
            {
                Headers = { { "Cookie", $"{cookie}; {antiforgery}" } },
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Name"] = value, ["Scope"] = "integration", ["ExpiresOn"] = expires, ["__RequestVerificationToken"] = token }),
            };
            var response = await client.SendAsync(post);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains($"<li>{field} ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(before, await db.ApiKeys.CountAsync());
    }

    [Theory]
    [InlineData("manager")]
    [InlineData("viewer")]
    public async Task Managers_and_viewers_get_403(string role)
    {
        var cookie = await app.SessionCookieAsync(role, ConsoleApp.ManagerTeam);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };
        using var get = new HttpRequestMessage(HttpMethod.Get, "/admin/keys") { Headers = { { "Cookie", cookie } } };
        using var post = new HttpRequestMessage(HttpMethod.Post, "/admin/keys?handler=Create") { Headers = { { "Cookie", cookie } }, Content = new FormUrlEncodedContent([]) };

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(get)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(post)).StatusCode);
    }

    private async Task<HttpStatusCode> AnalyticsWithAsync(string key)
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return (await client.GetAsync("/api/v1/analytics/topics")).StatusCode;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
