using System.Text.Json;
using Microsoft.Playwright;

namespace BmoLearning.Web.Tests;

/// <summary>
/// Debian's Chromium driven by Playwright (never a browser Playwright downloads), axe-core from .tools/ (installed
/// by scripts/test.sh), and where screenshots go: BMO_CONSOLE_SCREENSHOTS (docs/images to refresh the README's
/// tour) or the test output folder.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        _playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    public static string RepositoryRoot { get; } = FindRoot();

    public static string AxeScript => Path.Combine(RepositoryRoot, ".tools", "node_modules", "axe-core", "axe.min.js");

    public static string ScreenshotDir { get; } = Environment.GetEnvironmentVariable("BMO_CONSOLE_SCREENSHOTS") is { Length: > 0 } dir
        ? Path.GetFullPath(dir, RepositoryRoot)
        : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<Browser> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable("BMO_CHROMIUM") is { Length: > 0 } path ? path : ChromiumPath;
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium is not at {executable}: apt-get install -y chromium (scripts/test.sh does).");
        }

        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new Browser(playwright, chromium);
    }

    /// <summary>Runs axe-core on the page; returns the serious and critical violations (id, impact, first targets).</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        if (!File.Exists(AxeScript))
        {
            throw new InvalidOperationException($"axe-core is missing at {AxeScript}: run scripts/test.sh (it installs axe-core@4.14.1 into .tools/).");
        }

        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = AxeScript });
        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.map(v => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))");
        return violations.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): {string.Join(" | ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()))}")
            .ToList();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, $"console-{name}.png"), FullPage = true });
    }

    /// <summary>A desktop-sized context on the console. CI runs every test project at once on two cores: a page may take longer than Playwright's 30 s default.</summary>
    public async Task<IBrowserContext> ConsoleContextAsync(string baseUrl)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return context;
    }

    /// <summary>A page signed in through the sign-in form with a key, as a person would, left on the overview.</summary>
    public static async Task<IPage> SignInAsync(IBrowserContext context, string key)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/sign-in");
        await page.GetByLabel("Admin key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/admin$"));
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Chromium.CloseAsync();
        _playwright.Dispose();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BmoLearning.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (BmoLearning.slnx) is not above the test output.");
    }
}
