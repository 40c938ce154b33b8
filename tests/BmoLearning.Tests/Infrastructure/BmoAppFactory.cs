using BmoLearning.Host.Hosting;
using BmoLearning.Tests.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Tests.Infrastructure;

/// <summary>
/// The real application (every role unless told otherwise) on a real database of its own, pre-filled with the
/// migrated, seeded starter knowledge base so each host starts fast: a SQLite file in a temporary data
/// directory, or (BMO_TEST_PROVIDER=postgres) a PostgreSQL database copied from a template. A factory made
/// with the data directory of an earlier one gets that one's database and job queue (a restart).
/// </summary>
public class BmoAppFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789";
    public const string IntegrationKey = "test-integration-key-0123456789";

    private readonly Dictionary<string, string?> _settings;
    private readonly List<Action<IServiceCollection>> _serviceOverrides = [];

    public BmoAppFactory(string? dataDir = null, bool seeded = true)
    {
        DataDir = dataDir ?? TempDirectory.Create("bmo-test");
        if (seeded && dataDir is null && !TestEnvironment.UsesPostgres)
        {
            SeededDataTemplate.CopyTo(DataDir);
        }

        _settings = TestSettings.For(DataDir, seeded, out var databaseName);
        DatabaseName = databaseName;
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["Bmo:DataDir"] = DataDir,
            ["Auth:AdminKey"] = AdminKey,
            ["Auth:IntegrationKeys:0"] = IntegrationKey,
            ["Jobs:PollInterval"] = "00:00:00.200",
            ["Generation:RetryDelaysSeconds:0"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
        })
        {
            _settings[key] = value;
        }

        foreach (var (key, value) in _settings.Where(s => TestRunLogs.IsSecretSetting(s.Key)))
        {
            TestRunLogs.AddSecret($"the setting {key}", value);
        }

        // Every host's log lines, at the levels production logs (appsettings.json), scanned when it is disposed.
        WithServices(services =>
        {
            services.AddSingleton<ILoggerProvider>(RunLogs);
            services.Configure<LoggerFilterOptions>(o =>
            {
                o.AddFilter<LogCapture>(null, LogLevel.Information);
                foreach (var quiet in new[] { "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Hangfire" })
                {
                    o.AddFilter<LogCapture>(quiet, LogLevel.Warning);
                }
            });
        });
    }

    public string DataDir { get; }

    /// <summary>This host's log lines; <see cref="TestRunLogs"/> scans them at dispose.</summary>
    public LogCapture RunLogs { get; } = new();

    private int _scanned;

    /// <summary>For the test that proves the scan fails: its deliberate leak must not fail it twice.</summary>
    public bool SkipLogScan { get; set; }

    /// <summary>The PostgreSQL database of this host, or null on SQLite.</summary>
    public string? DatabaseName { get; }

    public BmoAppFactory With(string key, string? value)
    {
        if (TestRunLogs.IsSecretSetting(key))
        {
            TestRunLogs.AddSecret($"the setting {key}", value);
        }

        _settings[key] = value;
        return this;
    }

    public BmoAppFactory WithServices(Action<IServiceCollection> configure)
    {
        _serviceOverrides.Add(configure);
        return this;
    }

    public HttpClient CreateAdminClient() => CreateClientWithKey(AdminKey);

    public HttpClient CreateIntegrationClient() => CreateClientWithKey(IntegrationKey);

    public HttpClient CreateClientWithKey(string? key)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", key);
        }

        return client;
    }

    /// <summary>Fails (after the host has stopped) when any of its log lines holds a secret, a learner's email or a link token.</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        if (Interlocked.Exchange(ref _scanned, 1) == 1)
        {
            return;
        }

        var findings = SkipLogScan ? [] : TestRunLogs.Scan(RunLogs.Lines);
        if (findings.Count > 0)
        {
            throw new Xunit.Sdk.XunitException($"The host logged {findings.Count} secret(s) (issue 17); first: {findings[0]}");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            foreach (var configure in _serviceOverrides)
            {
                configure(services);
            }
        });
    }
}
