using BmoLearning.Ai.Ingestion;
using BmoLearning.Host.Auth;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Hosting;

/// <summary>
/// Start-up work that runs before the server listens. The embedded default migrates, loads the starter
/// knowledge base and makes sure there is an admin key; production roles do none of this (`bmo migrate`
/// and `bmo seed` do), so they start even while the database is down.
/// </summary>
public sealed class StartupTasks(IServiceProvider services, IOptions<BmoOptions> bmo, DatabaseTarget database) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (bmo.Value.AutoMigrate ?? !database.IsPostgres)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            var loaded = await scope.ServiceProvider.GetRequiredService<StarterKnowledge>().LoadAsync(progress: null, cancellationToken);
            var changed = loaded.Where(r => r.Outcome != IngestionOutcome.Unchanged).ToList();
            if (changed.Count > 0)
            {
                Console.WriteLine($"Loaded the starter knowledge base: {changed.Count} document(s), {changed.Sum(r => r.ChunkCount)} chunks.");
            }
        }

        var adminKey = services.GetRequiredService<AdminKeyProvider>();
        if (adminKey.EnsureGeneratedKey() is { } generated)
        {
            Console.WriteLine($"Generated an admin API key (shown once; stored in {adminKey.KeyFilePath}):");
            Console.WriteLine($"  X-API-Key: {generated}");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The roles this process runs, as parsed at start-up.</summary>
public sealed record RoleSelection(Roles Roles);
