using BmoLearning.Core.Lessons;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Hosting;

/// <summary>
/// Worker role: runs <see cref="LessonRequestRecovery"/> on a timer. It lives in the process rather than in
/// the job store, so a job store that lost its data (Redis restarted without persistence) cannot lose the
/// sweep too; a failing database only delays it to the next tick.
/// </summary>
public sealed class LessonRecoveryLoop(IServiceProvider services, IOptions<JobsOptions> jobs, TimeProvider time, ILogger<LessonRecoveryLoop> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(jobs.Value.RecoveryInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var requeued = await scope.ServiceProvider.GetRequiredService<LessonRequestRecovery>().RunAsync(stoppingToken);
                logger.LogDebug("Lesson request recovery sweep: {Count} re-queued", requeued);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Lesson request recovery failed ({Error}); trying again in {Interval}", ex.GetType().Name, jobs.Value.RecoveryInterval);
            }
        }
    }
}
