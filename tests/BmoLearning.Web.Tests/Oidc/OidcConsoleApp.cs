using System.Diagnostics;

namespace BmoLearning.Web.Tests.Oidc;

[CollectionDefinition(Name)]
public sealed class OidcCollection : ICollectionFixture<OidcConsoleApp>
{
    public const string Name = "console-oidc";
}

/// <summary>
/// The console app of <see cref="ConsoleApp"/> with single sign-on against a real OpenID Connect provider on loopback
/// (oidc-provider from npm, tests/BmoLearning.Web.Tests/Oidc/provider.mjs): users ana (group bmo-admins → admin),
/// ben (branch-leads → manager of Branch) and carl (only staff, mapped to nothing).
/// </summary>
public sealed class OidcConsoleApp : ConsoleApp
{
    public const string DisplayName = "Test IdP";

    private Process? _provider;

    public string ProviderUrl { get; } = $"http://127.0.0.1:{FreePort()}";

    protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings => new Dictionary<string, string>
    {
        ["Console:Oidc:Authority"] = ProviderUrl,
        ["Console:Oidc:ClientId"] = "bmo-console",
        ["Console:Oidc:ClientSecret"] = "bmo-console-test-secret-0123456789",
        ["Console:Oidc:DisplayName"] = DisplayName,
        ["Console:Oidc:Scopes:0"] = "groups",
        ["Console:Oidc:Groups:0:Group"] = "bmo-admins",
        ["Console:Oidc:Groups:0:Role"] = "admin",
        ["Console:Oidc:Groups:1:Group"] = "branch-leads",
        ["Console:Oidc:Groups:1:Role"] = "manager",
        ["Console:Oidc:Groups:1:Teams:0"] = ManagerTeam,
    };

    protected override async Task BeforeStartAsync()
    {
        var script = Path.Combine(Browser.RepositoryRoot, "tests", "BmoLearning.Web.Tests", "Oidc", "provider.mjs");
        var module = Path.Combine(Browser.RepositoryRoot, ".tools", "node_modules", "oidc-provider", "lib", "index.js");
        if (!File.Exists(module))
        {
            throw new InvalidOperationException($"oidc-provider is missing at {module}: run scripts/test.sh (it installs oidc-provider@9.13.3 into .tools/).");
        }

        _provider = Process.Start(new ProcessStartInfo("node")
        {
            ArgumentList = { script, new Uri(ProviderUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), BaseUrl },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("node did not start");
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                (await client.GetAsync($"{ProviderUrl}/.well-known/openid-configuration")).EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_provider.HasExited)
            {
                await Task.Delay(200);
            }
            catch (HttpRequestException) when (_provider.HasExited)
            {
                throw new InvalidOperationException("The OIDC provider exited: " + await _provider.StandardError.ReadToEndAsync());
            }
        }
    }

    protected override async Task AfterStopAsync()
    {
        if (_provider is { HasExited: false })
        {
            _provider.Kill(entireProcessTree: true);
            await _provider.WaitForExitAsync();
        }

        _provider?.Dispose();
    }
}
