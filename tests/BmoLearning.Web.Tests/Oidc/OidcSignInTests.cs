using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace BmoLearning.Web.Tests.Oidc;

/// <summary>Single sign-on to the console in a real browser against a real OpenID Connect provider on loopback.</summary>
[Collection(OidcCollection.Name)]
public sealed class OidcSignInTests(OidcConsoleApp app) : IAsyncLifetime
{
    private Browser _browser = null!;

    public async Task InitializeAsync() => _browser = await Browser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task An_admin_group_member_signs_in_at_the_provider_and_gets_the_admin_console()
    {
        await using var context = await NewContextAsync();
        var page = await SignInAsync(context, "ana", "/admin/system");

        await page.WaitForURLAsync(new Regex("/admin/system$"));
        Assert.Equal(200, (await page.ReloadAsync())!.Status);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Ana Admin");
        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == "bmo_console");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, cookie.SameSite);
        // Only a session id travels: the provider's tokens stay on the server.
        Assert.True(cookie.Value.Length < 1000, $"cookie of {cookie.Value.Length} characters");
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
    }

    [Fact]
    public async Task A_manager_group_member_sees_only_the_learners_of_their_team()
    {
        await using var context = await NewContextAsync();
        var page = await SignInAsync(context, "ben", "/admin/learners");

        await page.WaitForURLAsync(new Regex("/admin/learners$"));
        Assert.Equal(["Learner 2"], await page.Locator("table[data-table='learners'] tbody th").AllInnerTextsAsync());
        var system = await page.GotoAsync("/admin/system");
        Assert.Equal((int)HttpStatusCode.Forbidden, system!.Status);
    }

    [Fact]
    public async Task A_user_in_no_mapped_group_is_refused_with_a_clear_page_and_no_session()
    {
        await using var context = await NewContextAsync();
        var page = await SignInAsync(context, "carl", "/admin");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("No console access");
        await Browser.ScreenshotAsync(page, "sso-refused");
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "bmo_console");
        await page.GotoAsync("/admin");
        Assert.Contains("/admin/sign-in", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_console_session_and_the_providers()
    {
        await using var context = await NewContextAsync();
        var page = await SignInAsync(context, "ana", "/admin");
        await page.WaitForURLAsync(new Regex("/admin$"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        // The provider asks to confirm (RP-initiated logout), then sends the browser back to the console's sign-in page.
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, sign me out" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin/sign-in$"));

        await page.GotoAsync("/admin/documents");
        Assert.Contains("/admin/sign-in", page.Url, StringComparison.Ordinal);
        // The provider's session ended too: signing in again asks for the login, not just a redirect back.
        await page.GetByRole(AriaRole.Link, new() { Name = $"Sign in with {OidcConsoleApp.DisplayName}" }).ClickAsync();
        await Assertions.Expect(page.Locator("input[name='login']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_admin_key_still_signs_in_beside_single_sign_on()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/sign-in");
        Assert.Empty(await Browser.SeriousViolationsAsync(page));
        await Browser.ScreenshotAsync(page, "sign-in-sso");
        await page.GetByLabel("Admin key").FillAsync(ConsoleApp.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin$"));
    }

    /// <summary>From a console page through the provider's login and consent pages, back to the console.</summary>
    private static async Task<IPage> SignInAsync(IBrowserContext context, string login, string target)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(target);
        Assert.Contains("/admin/sign-in", page.Url, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Sign in with {OidcConsoleApp.DisplayName}" }).ClickAsync();
        await page.Locator("input[name='login']").FillAsync(login);
        await page.Locator("input[name='password']").FillAsync("any password");
        await page.Locator("button[type='submit']").ClickAsync();
        await page.Locator("button[type='submit']", new() { HasText = "Continue" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return page;
    }

    private async Task<IBrowserContext> NewContextAsync()
    {
        var context = await _browser.Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return context;
    }
}
