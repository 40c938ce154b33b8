using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;

namespace BmoLearning.Host.Hosting;

public static class JobsSetup
{
    /// <summary>
    /// Hangfire on a SQLite file in the data directory: durable across restarts, unlike in-memory storage.
    /// The server (which executes jobs) is added only for the worker role.
    /// </summary>
    public static IServiceCollection AddBmoJobs(this IServiceCollection services, bool runWorker)
    {
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHangfire((sp, config) =>
        {
            var bmo = sp.GetRequiredService<IOptions<BmoOptions>>().Value;
            var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
            Directory.CreateDirectory(bmo.DataDirFullPath);
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseSQLiteStorage(Path.Combine(bmo.DataDirFullPath, "jobs.db"), new SQLiteStorageOptions
                {
                    QueuePollInterval = jobs.PollInterval,
                    InvisibilityTimeout = jobs.InvisibilityTimeout,
                });
        });
        if (runWorker)
        {
            services.AddHangfireServer((sp, server) =>
            {
                var jobs = sp.GetRequiredService<IOptions<JobsOptions>>().Value;
                server.WorkerCount = jobs.WorkerCount;
                server.SchedulePollingInterval = jobs.PollInterval;
                server.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }

        return services;
    }
}
