using BmoLearning.Core.Adaptive;
using BmoLearning.Core.Delivery;
using Hangfire;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Hosting;

/// <summary>
/// Worker role: registers the delivery scheduler (and the FSRS parameter optimisation) as Hangfire recurring jobs, so that however many workers
/// run it fires once per tick. The job store may be down when a worker starts (production roles start
/// without their dependencies), so registration retries until it succeeds instead of failing start-up.
/// </summary>
public sealed class RecurringJobsRegistration(
    IServiceProvider services, IOptions<DeliveryOptions> delivery, IOptions<AdaptiveOptions> adaptive, IOptions<JobsOptions> jobs, TimeProvider time, ILogger<RecurringJobsRegistration> logger,
    IOptions<BmoLearning.Core.Governance.DataRights.RetentionOptions> retention)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<DeliveryScheduler>(
                    DeliveryScheduler.RecurringJobId, job => job.RunAsync(CancellationToken.None), delivery.Value.SchedulerCron);
                // Issue 12: FSRS parameters refitted to the review logs (defaults until enough reviews exist).
                services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<FsrsOptimizationJob>(
                    FsrsOptimizationJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), adaptive.Value.OptimizerCron);
                // Issue 14: old delivery payloads are cleared on a schedule (Retention:PayloadDays, Retention:Cron).
                services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<BmoLearning.Core.Governance.DataRights.RetentionJob>(
                    BmoLearning.Core.Governance.DataRights.RetentionJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), retention.Value.Cron);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Could not register the delivery scheduler ({Error}); trying again in {Interval}", ex.GetType().Name, jobs.Value.RecoveryInterval);
                await Task.Delay(jobs.Value.RecoveryInterval, time, stoppingToken);
            }
        }
    }
}
