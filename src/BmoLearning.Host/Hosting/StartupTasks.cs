using BmoLearning.Ai.Ingestion;
using BmoLearning.Core.Lessons;
using BmoLearning.Host.Auth;
using Hangfire;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Hosting;

/// <summary>
/// Start-up work. The embedded default migrates, loads the starter knowledge base and makes sure there is
/// an admin key before the server listens; production roles do none of this (`bmo migrate` and `bmo seed`
/// do), so they start even while the database is down. The worker registers its recurring jobs in the
/// background, retrying until the job storage answers.
/// </summary>
public sealed class StartupTasks(
    IServiceProvider services,
    IOptions<BmoOptions> bmo,
    IOptions<JobsOptions> jobs,
    DatabaseTarget database,
    RoleSelection roles,
    ILogger<StartupTasks> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    public override async Task StartAsync(CancellationToken cancellationToken)
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

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!roles.Roles.HasFlag(Roles.Worker))
        {
            return;
        }

        // Off the start-up path: a storage that is down must not hold up (or fail) the host's start.
        await Task.Yield();

        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<LessonRequestRecovery>(
                    LessonRequestRecovery.RecurringJobId, job => job.RunAsync(CancellationToken.None), jobs.Value.RecoveryCron);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Job storage unavailable ({Error}); registering recurring jobs again in {Delay}", ex.GetType().Name, delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, delay.Ticks * 2));
            }
        }
    }
}

/// <summary>The roles this process runs, as parsed at start-up.</summary>
public sealed record RoleSelection(Roles Roles);
