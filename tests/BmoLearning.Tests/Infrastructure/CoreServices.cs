using BmoLearning.Host.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BmoLearning.Tests.Infrastructure;

/// <summary>The services the CLI commands use (no web server) on a fresh, migrated database of this run's provider.</summary>
public sealed class CoreServices : IAsyncDisposable
{
    private readonly IHost _host;

    private CoreServices(IHost host, string dataDir)
    {
        _host = host;
        DataDir = dataDir;
    }

    public string DataDir { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<CoreServices> CreateAsync(bool seeded = false, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? replace = null)
    {
        var dataDir = TempDirectory.Create("bmo-core");
        if (seeded && !TestEnvironment.UsesPostgres)
        {
            SeededDataTemplate.CopyTo(dataDir);
        }

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(TestSettings.For(dataDir, seeded, out _));
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddBmoCore();
        replace?.Invoke(builder.Services);
        var host = builder.Build();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        return new CoreServices(host, dataDir);
    }

    public AsyncServiceScope Scope() => _host.Services.CreateAsyncScope();

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
