using BmoLearning.Ai.Ingestion;
using BmoLearning.Core.Delivery;
using BmoLearning.Core.Lessons;
using BmoLearning.Host.Auth;
using Hangfire;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Hosting;

/// <summary>
/// Start-up work that runs before the server listens. The embedded default migrates, loads the starter
/// knowledge base and makes sure there is an admin key; production roles do none of this (`bmo migrate`
/// and `bmo seed` do). The worker registers its recurring jobs.
/// </summary>
public sealed class StartupTasks(IServiceProvider services, IOptions<BmoOptions> bmo, IOptions<DeliveryOptions> delivery, RoleSelection roles) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (bmo.Value.AutoMigrate)
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

        if (roles.Roles.HasFlag(Roles.Worker))
        {
            services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<LessonRequestRecovery>(
                LessonRequestRecovery.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
            services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<DeliveryScheduler>(
                DeliveryScheduler.RecurringJobId, job => job.RunAsync(CancellationToken.None), delivery.Value.SchedulerCron);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The roles this process runs, as parsed at start-up.</summary>
public sealed record RoleSelection(Roles Roles);
